package dev.gatewayreports.reportapi.alerts;

import static dev.gatewayreports.reportapi.alerts.AlertCalls.budget;
import static dev.gatewayreports.reportapi.alerts.AlertCalls.create;
import static dev.gatewayreports.reportapi.alerts.AlertCalls.created;
import static dev.gatewayreports.reportapi.alerts.AlertCalls.delete;
import static dev.gatewayreports.reportapi.alerts.AlertCalls.get;
import static dev.gatewayreports.reportapi.alerts.AlertCalls.list;
import static dev.gatewayreports.reportapi.alerts.AlertCalls.page;
import static dev.gatewayreports.reportapi.alerts.AlertCalls.put;
import static dev.gatewayreports.reportapi.alerts.AlertCalls.rotate;
import static dev.gatewayreports.reportapi.alerts.AlertCalls.rule;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyIterable;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.reportapi.support.Tokens;
import dev.gatewayreports.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The alert rules API: create, read, list, replace, delete; defaults; who may do what. */
@QuarkusTest
class AlertsResourceTest {

    @Test
    void shouldCreateReadListReplaceAndDeleteATeamRule() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String admin = Tokens.withEmail("lead@example.com", org, List.of(team), "team_admin");

        var answer = create(admin, rule(team))
                .statusCode(201)
                .body("alert_id", matchesPattern("alr_[0-9a-f]{32}"))
                .body("team_id", equalTo(team))
                .body("name", equalTo("Daily spend"))
                .body("kind", equalTo("threshold"))
                .body("measure", equalTo("cost_usd"))
                .body("window", equalTo("last_day"))
                .body("comparison", equalTo("gt"))
                .body("threshold", equalTo("250.5"))
                .body("timezone", equalTo("Europe/Berlin"))
                .body("hysteresis_percent", equalTo(10))
                .body("for_minutes", equalTo(0))
                .body("recipients", contains("lead@example.com"))
                .body("webhook_url", nullValue())
                .body("enabled", equalTo(true))
                .body("state", equalTo("ok"))
                .body("state_since", nullValue())
                .body("last_value", nullValue())
                .body("created_by", equalTo("lead@example.com"))
                .body("$", not(hasKey("webhook_secret")))
                .extract();
        String id = answer.path("alert_id");
        assertEquals(
                "/v1/alerts/" + id,
                java.net.URI.create(answer.header("Location")).getPath());

        get(admin, id).statusCode(200).body("alert_id", equalTo(id)).body("threshold", equalTo("250.5"));
        list(admin, null).statusCode(200).body("data.alert_id", contains(id));
        list(admin, team).statusCode(200).body("data.alert_id", contains(id));

        Map<String, Object> changed = rule(team);
        changed.put("name", "Daily spend, strict");
        changed.put("threshold", 99.125);
        changed.put("for_minutes", 15);
        changed.put("hysteresis_percent", "2.5");
        changed.put("enabled", false);
        put(admin, id, changed)
                .statusCode(200)
                .body("name", equalTo("Daily spend, strict"))
                .body("threshold", equalTo("99.125"))
                .body("for_minutes", equalTo(15))
                .body("hysteresis_percent", equalTo(2.5f))
                .body("enabled", equalTo(false));
        Map<String, Object> row = Db.one(
                "select threshold::text t, hysteresis_percent::text h, enabled e from alert_rule where alert_id = ?",
                id);
        assertEquals("99.125000000000", row.get("t"));
        assertEquals("2.50", row.get("h"));
        assertEquals(false, row.get("e"));

        delete(admin, id).statusCode(204);
        get(admin, id).statusCode(404).body("error.code", equalTo("not_found"));
        delete(admin, id).statusCode(404);
        assertEquals(0, Db.count("select count(*) from alert_rule where alert_id = ?", id));
        assertEquals(
                List.of("alert.created", "alert.updated", "alert.deleted"),
                Db.query("select action from audit_event where target_id = ? order by event_id", id).stream()
                        .map(r -> r.get("action"))
                        .toList());
    }

    @ParameterizedTest(name = "zoneinfo {0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            America/Chicago | America/Chicago
            Mars/Olympus    | UTC
                            | UTC
            """)
    void shouldApplyTheDefaultsOfAMinimalRule(String zoneinfo, String zone) {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        var jwt =
                Tokens.base().claim("org_id", org).claim("teams", List.of(team)).claim("roles", List.of("team_admin"));
        String admin =
                zoneinfo == null ? jwt.sign() : jwt.claim("zoneinfo", zoneinfo).sign();
        create(
                        admin,
                        Map.of(
                                "name", "Errors",
                                "team_id", team,
                                "measure", "error_rate",
                                "window", "last_hour",
                                "threshold", 5))
                .statusCode(201)
                .body("kind", equalTo("threshold"))
                .body("comparison", equalTo("gt"))
                .body("threshold", equalTo("5"))
                .body("timezone", equalTo(zone))
                .body("hysteresis_percent", equalTo(10))
                .body("for_minutes", equalTo(0))
                .body("recipients", emptyIterable())
                .body("enabled", equalTo(true));
    }

    @Test
    void shouldLetMembersReadButNotChangeTheirTeamsRules() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String id = created(Tokens.user(org, List.of(team), "team_admin"), rule(team));
        String member = Tokens.user(org, List.of(team), "member");

        get(member, id).statusCode(200).body("alert_id", equalTo(id));
        list(member, null).statusCode(200).body("data.alert_id", contains(id));
        page(member, id, "events", Map.of()).statusCode(200);
        page(member, id, "deliveries", Map.of()).statusCode(200);

        create(member, rule(team)).statusCode(403);
        put(member, id, rule(team)).statusCode(403);
        delete(member, id).statusCode(403);
        rotate(member, id).statusCode(403);
        assertEquals(1, Db.count("select count(*) from alert_rule where org_id = ?", org));
    }

    @Test
    void shouldAnswer404ToATeamAdminOfAnotherTeam() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String other = Tenants.newTeam();
        String id = created(Tokens.user(org, List.of(team), "team_admin"), rule(team));
        String otherAdmin = Tokens.user(org, List.of(other), "team_admin");

        get(otherAdmin, id).statusCode(404);
        put(otherAdmin, id, rule(other)).statusCode(404);
        delete(otherAdmin, id).statusCode(404);
        rotate(otherAdmin, id).statusCode(404);
        page(otherAdmin, id, "events", Map.of()).statusCode(404);
        page(otherAdmin, id, "deliveries", Map.of()).statusCode(404);
        list(otherAdmin, null).statusCode(200).body("data", emptyIterable());
        list(otherAdmin, team).statusCode(404);
        create(otherAdmin, rule(team)).statusCode(404);
        // Moving a rule of its own team into a team it cannot see is refused the same way.
        String own = created(otherAdmin, rule(other));
        put(otherAdmin, own, rule(team)).statusCode(404);
        get(otherAdmin, own).statusCode(200).body("team_id", equalTo(other));
    }

    @Test
    void shouldLetOrgAdminsManageOrganizationWideRulesAndEveryTeamsRules() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String orgAdmin = Tokens.orgAdmin(org);
        String teamAdmin = Tokens.user(org, List.of(team), "team_admin");
        String teamRule = created(teamAdmin, rule(team));

        String orgRule = create(orgAdmin, budget(null))
                .statusCode(201)
                .body("team_id", nullValue())
                .body("kind", equalTo("budget"))
                .body("threshold", equalTo("10000"))
                .extract()
                .path("alert_id");
        list(orgAdmin, null).statusCode(200).body("data.alert_id", contains(orgRule, teamRule));
        list(orgAdmin, team).statusCode(200).body("data.alert_id", contains(teamRule));

        // Team admins and members of the organization neither see nor make organization-wide rules.
        get(teamAdmin, orgRule).statusCode(404);
        list(teamAdmin, null).statusCode(200).body("data.alert_id", contains(teamRule));
        create(teamAdmin, budget(null)).statusCode(400).body("error.field", equalTo("team_id"));
        put(teamAdmin, teamRule, budget(null)).statusCode(400).body("error.field", equalTo("team_id"));

        // The org admin changes a team's rule, moves it to the whole organization, and deletes it.
        Map<String, Object> renamed = rule(team);
        renamed.put("name", "Renamed by the org admin");
        put(orgAdmin, teamRule, renamed).statusCode(200).body("name", equalTo("Renamed by the org admin"));
        put(orgAdmin, teamRule, budget(null)).statusCode(200).body("team_id", nullValue());
        get(teamAdmin, teamRule).statusCode(404);
        delete(orgAdmin, teamRule).statusCode(204);
        delete(orgAdmin, orgRule).statusCode(204);
    }

    @Test
    void shouldRefuseATeamTheOrganizationDoesNotHaveToAnOrgAdmin() {
        String org = Tenants.newOrg();
        create(Tokens.orgAdmin(org), rule(Tenants.newTeam())).statusCode(404);
    }

    @Test
    void shouldAnswer404ForAnotherOrganizationsRule() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String id = created(Tokens.user(org, List.of(team), "team_admin"), rule(team));
        // Another organization with a team of the same id, and its org admin.
        for (String stranger : List.of(
                Tokens.orgAdmin(Tenants.newOrg()), Tokens.user(Tenants.newOrg(), List.of(team), "team_admin"))) {
            get(stranger, id).statusCode(404);
            put(stranger, id, rule(team)).statusCode(404);
            delete(stranger, id).statusCode(404);
            rotate(stranger, id).statusCode(404);
            page(stranger, id, "events", Map.of()).statusCode(404);
            page(stranger, id, "deliveries", Map.of()).statusCode(404);
            list(stranger, null).statusCode(200).body("data", emptyIterable());
        }
        String admin = Tokens.orgAdmin(org);
        for (String missing : List.of("alr_" + "0".repeat(32), "alr_xyz", "sch_" + "0".repeat(32), "alr_%00")) {
            get(admin, missing).statusCode(404);
            delete(admin, missing).statusCode(404);
        }
        get(Tokens.orgAdmin(org), id).statusCode(200);
    }

    @Test
    void shouldAnswer401WithoutAToken() {
        given().get("/v1/alerts").then().statusCode(401);
        given().contentType("application/json")
                .body(rule("team_a"))
                .post("/v1/alerts")
                .then()
                .statusCode(401);
        given().get("/v1/alerts/alr_" + "0".repeat(32) + "/events").then().statusCode(401);
    }

    @Test
    void shouldRefuseServiceKeysAndIngestTokens() {
        String org = Tenants.newOrg();
        String key = Tenants.serviceKey(org, "stats");
        given().header("Authorization", "Bearer " + key)
                .get("/v1/alerts")
                .then()
                .statusCode(403);
        create(Tokens.user(org, List.of("team_a"), "ingest"), rule("team_a")).statusCode(403);
    }

    @Test
    void shouldAuditEveryChangeWithoutTheSecret() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String admin = Tokens.user(org, List.of(team), "team_admin");
        Map<String, Object> body = rule(team);
        body.put("webhook_url", "https://hooks.example.com/T000/secret-path?token=abc");
        var answer = create(admin, body).statusCode(201).extract();
        String id = answer.path("alert_id");
        String first = answer.path("webhook_secret");
        String second = rotate(admin, id).statusCode(200).extract().path("webhook_secret");
        body.put("threshold", 1);
        put(admin, id, body).statusCode(200);
        delete(admin, id).statusCode(204);
        List<Map<String, Object>> rows =
                Db.query("select action, details::text d from audit_event where target_id = ? order by event_id", id);
        assertEquals(
                List.of("alert.created", "alert.webhook_secret_rotated", "alert.updated", "alert.deleted"),
                rows.stream().map(r -> r.get("action")).toList());
        for (Map<String, Object> row : rows) {
            String details = (String) row.get("d");
            for (String forbidden : List.of(first, second, "whsec_", "v1.", "secret-path", "token=abc")) {
                assertFalse(details.contains(forbidden), details);
            }
        }
        assertThat((String) rows.get(0).get("d"), containsString("hooks.example.com"));
        assertThat((String) rows.get(2).get("d"), containsString("\"threshold\""));
        list(admin, null).statusCode(200).body("data", emptyIterable());
    }
}
