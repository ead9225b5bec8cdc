package dev.gatewayreports.reportapi.audit;

import static dev.gatewayreports.reportapi.audit.AuditRows.audit;
import static dev.gatewayreports.reportapi.audit.AuditRows.mintKey;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.reportapi.support.Tokens;
import dev.gatewayreports.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/admin/audit}: an org admin's own rows, newest first, paged and filtered; nobody else's. */
@QuarkusTest
class AuditResourceTest {
    private static final Instant BASE = Instant.parse("2026-05-01T12:00:00Z");

    /** A row straight into the table, at a chosen instant. */
    private static void seed(String org, String action, Instant at) {
        Db.execute(
                "insert into audit_event (org_id, occurred_at, actor_kind, actor_subject, action, target_type,"
                        + " target_id) values (?, ?, 'user', 'seed', ?, 'team', 'team_x')",
                org,
                at,
                action);
    }

    /** The organization's row ids, newest first, as the table orders them. */
    private static List<Long> idsNewestFirst(String org) {
        return Db.query(
                        "select event_id from audit_event where org_id = ? order by occurred_at desc, event_id desc",
                        org)
                .stream()
                .map(r -> ((Number) r.get("event_id")).longValue())
                .toList();
    }

    @Test
    void shouldWalkEveryRowExactlyOnceNewestFirstAcrossEqualInstants() {
        String org = Tenants.newOrg();
        String other = Tenants.newOrg();
        for (int i = 0; i < 23; i++) {
            // Groups of three rows share an instant, so pages must break ties by id.
            seed(org, i % 2 == 0 ? "team.created" : "service_key.minted", BASE.plusSeconds(i / 3));
            seed(other, "team.created", BASE.plusSeconds(i / 3));
        }
        String admin = Tokens.orgAdmin(org);
        List<Long> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonPath page = (cursor == null ? audit(admin, "limit", 4) : audit(admin, "limit", 4, "cursor", cursor))
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            walked.addAll(page.getList("data.id", Long.class));
            cursor = page.getString("next_cursor");
            assertEquals(cursor != null, page.getBoolean("has_more"));
            pages++;
        } while (cursor != null);
        assertEquals(6, pages);
        assertEquals(idsNewestFirst(org), walked, "every row once, newest first, none of another organization");
    }

    @Test
    void shouldFilterByActionAndWindow() {
        String org = Tenants.newOrg();
        for (int i = 0; i < 6; i++) {
            seed(org, i % 2 == 0 ? "team.created" : "schedule.deleted", BASE.plusSeconds(60L * i));
        }
        String admin = Tokens.orgAdmin(org);
        audit(admin, "action", "schedule.deleted")
                .statusCode(200)
                .body("data", hasSize(3))
                .body("data.action", equalTo(List.of("schedule.deleted", "schedule.deleted", "schedule.deleted")));
        audit(admin, "since", "2026-05-01T12:01:00Z", "until", "2026-05-01T14:03:00+02:00")
                .statusCode(200)
                .body("data.occurred_at", equalTo(List.of("2026-05-01T12:02:00Z", "2026-05-01T12:01:00Z")));
        audit(admin, "action", "team.created", "since", "2026-05-01T12:01:00Z", "limit", 1)
                .statusCode(200)
                .body("data", hasSize(1))
                .body("data[0].occurred_at", equalTo("2026-05-01T12:04:00Z"))
                .body("has_more", equalTo(true));
    }

    @Test
    void shouldShowWhoDidWhatWhenForARealAction() {
        String org = Tenants.newOrg();
        String admin = Tokens.withEmail("root@example.com", org, List.of(), "org_admin");
        String keyId =
                mintKey(admin, "finance", "admin").statusCode(201).extract().path("id");
        audit(admin)
                .statusCode(200)
                .body("data", hasSize(1))
                .body("data[0].action", equalTo("service_key.minted"))
                .body("data[0].occurred_at", notNullValue())
                .body("data[0].actor.kind", equalTo("user"))
                .body("data[0].actor.email", equalTo("root@example.com"))
                .body("data[0].target.type", equalTo("service_key"))
                .body("data[0].target.id", equalTo(keyId))
                .body("data[0].details.name", equalTo("finance"))
                .body("data[0].details.scopes", equalTo(List.of("admin")))
                .body("has_more", equalTo(false))
                .body("next_cursor", nullValue());
    }

    @Test
    void shouldNeverShowAnotherOrganizationsOrSystemWideRows() {
        String org = Tenants.newOrg();
        String foreign = Tenants.newOrg();
        mintKey(Tokens.orgAdmin(foreign), "theirs", "ingest").statusCode(201);
        seed(foreign, "team.created", BASE);
        Db.execute(
                "insert into audit_event (org_id, actor_kind, action) values (null, 'system', 'ops.retention_applied')");
        audit(Tokens.orgAdmin(org)).statusCode(200).body("data", hasSize(0)).body("has_more", equalTo(false));
        audit(Tokens.orgAdmin(org), "action", "ops.retention_applied")
                .statusCode(200)
                .body("data", hasSize(0));
    }

    @Test
    void shouldAnswer401WithoutACredentialAnd403ForAnyoneButAnOrgAdmin() {
        String org = Tenants.newOrg();
        given().get("/v1/admin/audit").then().statusCode(401);
        audit(Tokens.user(org, List.of(Tenants.newTeam()), "member")).statusCode(403);
        audit(Tokens.user(org, List.of(Tenants.newTeam()), "team_admin")).statusCode(403);
        String statsKey = Tenants.serviceKey(org, "stats", "ingest");
        given().header("x-api-key", statsKey).get("/v1/admin/audit").then().statusCode(403);
        given().header("Authorization", Tokens.bearer(Tokens.reportService()))
                .header("X-Acting-Organization", org)
                .get("/v1/admin/audit")
                .then()
                .statusCode(403);
    }

    @Test
    void shouldRejectBadParametersNamingTheField() {
        String admin = Tokens.orgAdmin(Tenants.newOrg());
        for (String limit : List.of("0", "201", "abc", "-1", "99999999999", "1\u0000")) {
            audit(admin, "limit", limit).statusCode(400).body("error.field", equalTo("limit"));
        }
        audit(admin, "limit", 200).statusCode(200);
        String notOurs =
                Base64.getUrlEncoder().encodeToString("2026-01-01T00:00:00Z|x".getBytes(StandardCharsets.UTF_8));
        for (String cursor : List.of("garbage!!", notOurs, "MjAyNg", "\u0000")) {
            audit(admin, "cursor", cursor).statusCode(400).body("error.field", equalTo("cursor"));
        }
        for (String action : List.of("nope", "team.created\u0000", "TEAM.CREATED", "x".repeat(1000))) {
            audit(admin, "action", action).statusCode(400).body("error.field", equalTo("action"));
        }
        for (String since : List.of(
                "yesterday",
                "2026-05-01",
                "2026-05-01T00:00:00",
                "+300000-01-01T00:00:00Z",
                "-5000-01-01T00:00:00Z",
                "2026-05-01T00:00:00Z\u0000")) {
            audit(admin, "since", since).statusCode(400).body("error.field", equalTo("since"));
        }
        audit(admin, "until", "2026-13-01T00:00:00Z").statusCode(400).body("error.field", equalTo("until"));
        audit(admin, "since", "2026-05-02T00:00:00Z", "until", "2026-05-01T00:00:00Z")
                .statusCode(400)
                .body("error.field", equalTo("until"));
    }

    @Test
    void shouldDocumentTheEndpoint() {
        given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body("paths.'/v1/admin/audit'.get.summary", equalTo("The organization's audit log, newest first"))
                .body(
                        "paths.'/v1/admin/audit'.get.parameters.find { it.name == 'action' }.example",
                        equalTo("service_key.minted"))
                .body("paths.'/v1/admin/audit'.get.responses.'403'", notNullValue());
    }
}
