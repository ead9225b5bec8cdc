package dev.gatewayreports.reportapi.schedules;

import static dev.gatewayreports.reportapi.schedules.ScheduleCalls.fixClock;
import static dev.gatewayreports.reportapi.schedules.ScheduleCalls.team;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.reportapi.support.Tokens;
import dev.gatewayreports.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ad-hoc sends become pending deliveries with a fixed period; a delivery is visible only to its team. */
@QuarkusTest
class DeliveriesResourceTest {

    private static RequestSpecification as(String token) {
        return given().header("Authorization", Tokens.bearer(token));
    }

    private static ExtractableResponse<Response> delivery(String token, String id, int status) {
        return as(token)
                .get("/v1/reports/deliveries/" + id)
                .then()
                .statusCode(status)
                .extract();
    }

    @Test
    void shouldSendToTheCallersOwnAddressAndFixThePeriodInItsZone() {
        // 22:30 on Saturday 7 March in New York (EST, UTC-5), already Sunday in UTC.
        fixClock("2026-03-08T03:30:00Z");
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String member = Tokens.withEmail("alice@example.com", org, List.of(team), "member");
        ExtractableResponse<Response> sent = as(member)
                .queryParam("report_type", "cost")
                .queryParam("timezone", "America/New_York")
                .post("/v1/reports/send")
                .then()
                .statusCode(202)
                .body("status", equalTo("pending"))
                .body("delivery_id", startsWith("dlv_"))
                .extract();
        String id = sent.path("delivery_id");
        assertThatLocationEndsWith(sent, "/v1/reports/deliveries/" + id);
        as(member)
                .get(sent.header("Location"))
                .then()
                .statusCode(200)
                .body("delivery_id", equalTo(id))
                .body("schedule_id", nullValue())
                .body("scheduled_for", nullValue())
                .body("team_id", equalTo(team))
                .body("report_type", equalTo("cost"))
                .body("timezone", equalTo("America/New_York"))
                // days=7: the seven local days before Saturday 7 March, midnight to midnight EST.
                .body("period_start", equalTo("2026-02-28T05:00:00Z"))
                .body("period_end", equalTo("2026-03-07T05:00:00Z"))
                .body("format", equalTo("none"))
                .body("recipients", equalTo(List.of("alice@example.com")))
                .body("status", equalTo("pending"))
                .body("attempts", equalTo(0))
                .body("next_attempt_at", equalTo("2026-03-08T03:30:00Z"))
                .body("created_at", equalTo("2026-03-08T03:30:00Z"))
                .body("last_error", nullValue())
                .body("report_id", nullValue())
                .body("sent_at", nullValue())
                .body("sections.by_api_key", equalTo(false))
                .body("sections.summary", equalTo(true));
        Map<String, Object> row = Db.query("select requested_by, org_id from report_delivery where delivery_id = ?", id)
                .get(0);
        assertEquals(org, row.get("org_id"));
        assertEquals(true, ((String) row.get("requested_by")).startsWith("user-"));
    }

    @Test
    void shouldSendToTheAddressesOfTheBodyOverADaylightSavingChange() {
        // Monday 30 March in Berlin (CEST, UTC+2); Sunday 29 March had 23 hours.
        fixClock("2026-03-30T10:00:00Z");
        String org = Tenants.newOrg();
        String team = team(org, Tenants.newTeam());
        String id = as(Tokens.user(org, List.of(team), "member"))
                .contentType(ContentType.JSON)
                .body(List.of("ops@example.com", "finance@example.com", "OPS@example.com"))
                .queryParam("report_type", "error")
                .queryParam("days", "2")
                .queryParam("team_id", team)
                .queryParam("format", "xlsx")
                .queryParam("timezone", "Europe/Berlin")
                .post("/v1/reports/send")
                .then()
                .statusCode(202)
                .extract()
                .path("delivery_id");
        as(Tokens.orgAdmin(org))
                .get("/v1/reports/deliveries/" + id)
                .then()
                .statusCode(200)
                // days=2: Saturday 28 March (CET, UTC+1) and Sunday 29 March (23 hours, CEST from 03:00).
                .body("period_start", equalTo("2026-03-27T23:00:00Z"))
                .body("period_end", equalTo("2026-03-29T22:00:00Z"))
                .body("format", equalTo("xlsx"))
                .body("sections.error_details", equalTo(true))
                .body("recipients", equalTo(List.of("ops@example.com", "finance@example.com")));
    }

    @Test
    void shouldSendAnEmptyArrayToTheCallersOwnAddressAsNoBody() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String member = Tokens.withEmail("carol@example.com", org, List.of(team(org, team)), "member");
        String id = as(member)
                .contentType(ContentType.JSON)
                .body("[]")
                .queryParam("report_type", "usage")
                .post("/v1/reports/send")
                .then()
                .statusCode(202)
                .extract()
                .path("delivery_id");
        delivery(member, id, 200);
        as(member).get("/v1/reports/deliveries/" + id).then().body("recipients", equalTo(List.of("carol@example.com")));
        // A service token has no address of its own: [] is refused as no body is.
        as(Tokens.reportService())
                .header("X-Acting-Organization", org)
                .contentType(ContentType.JSON)
                .body("[]")
                .queryParam("report_type", "usage")
                .queryParam("team_id", team)
                .post("/v1/reports/send")
                .then()
                .statusCode(400)
                .body("error.field", equalTo("recipients"));
    }

    @Test
    void shouldAskForRecipientsWhenTheTokenHasNoAddress() {
        String org = Tenants.newOrg();
        String team = team(org, Tenants.newTeam());
        String service = Tokens.reportService();
        as(service)
                .header("X-Acting-Organization", org)
                .queryParam("report_type", "usage")
                .queryParam("team_id", team)
                .post("/v1/reports/send")
                .then()
                .statusCode(400)
                .body("error.field", equalTo("recipients"));
        as(service)
                .header("X-Acting-Organization", org)
                .contentType(ContentType.JSON)
                .body(List.of("reports@example.com"))
                .queryParam("report_type", "usage")
                .queryParam("team_id", team)
                .post("/v1/reports/send")
                .then()
                .statusCode(202);
        // A token address that is no plain address is not used either.
        as(Tokens.withEmail("Bob <bob@example.com>", org, List.of(team), "member"))
                .queryParam("report_type", "usage")
                .post("/v1/reports/send")
                .then()
                .statusCode(400)
                .body("error.field", equalTo("recipients"));
    }

    @Test
    void shouldRejectInvalidSendsNamingTheField() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String member = Tokens.withEmail("alice@example.com", org, List.of(team), "member");
        record Case(String field, Map<String, String> params, String body) {}
        for (Case c : List.of(
                new Case("report_type", Map.of(), null),
                new Case("report_type", Map.of("report_type", "weekly"), null),
                new Case("days", Map.of("days", "0", "report_type", "usage"), null),
                new Case("days", Map.of("days", "367", "report_type", "usage"), null),
                new Case("days", Map.of("days", "a week", "report_type", "usage"), null),
                new Case("format", Map.of("format", "json", "report_type", "usage"), null),
                new Case("timezone", Map.of("timezone", "Europe/Atlantis", "report_type", "usage"), null),
                new Case("team_id", Map.of("team_id", "all", "report_type", "usage"), null),
                new Case("recipients", Map.of("report_type", "usage"), "\"alice@example.com\""),
                new Case("recipients", Map.of("report_type", "usage"), "[\"a@example.com\\r\\nBcc: x@example.com\"]"),
                new Case("body", Map.of("report_type", "usage"), "[\"a@example.com\""))) {
            RequestSpecification request = as(member).queryParams(c.params());
            if (c.body() != null) {
                request.contentType(ContentType.JSON).body(c.body());
            }
            request.post("/v1/reports/send").then().statusCode(400).body("error.field", equalTo(c.field()));
        }
        assertEquals(0, Db.count("select count(*) from report_delivery where team_id = ?", team));
    }

    @Test
    void shouldAnswer404ForOtherTeamsAndOrganizations() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String id = as(Tokens.withEmail("alice@example.com", org, List.of(team), "member"))
                .queryParam("report_type", "usage")
                .post("/v1/reports/send")
                .then()
                .statusCode(202)
                .extract()
                .path("delivery_id");
        delivery(Tokens.user(org, List.of(Tenants.newTeam()), "member"), id, 404);
        delivery(Tokens.orgAdmin(Tenants.newOrg()), id, 404);
        delivery(Tokens.user(Tenants.newOrg(), List.of(team), "team_admin"), id, 404);
        delivery(Tokens.orgAdmin(org), "dlv_missing", 404);
        // A NUL byte (PostgreSQL refuses it in text) is a 404 too, never a 500.
        given().header("Authorization", Tokens.bearer(Tokens.orgAdmin(org)))
                .urlEncodingEnabled(false)
                .get("/v1/reports/deliveries/dlv_%00")
                .then()
                .statusCode(404);
        given().header("Authorization", Tokens.bearer(Tokens.orgAdmin(org)))
                .urlEncodingEnabled(false)
                .get("/v1/reports/rpt_%00")
                .then()
                .statusCode(404);
        given().header("Authorization", Tokens.bearer(Tokens.orgAdmin(org)))
                .queryParam("team_id", "team\u0000x")
                .get("/v1/reports/preferences/all")
                .then()
                .statusCode(400)
                .body("error.field", equalTo("team_id"));
        delivery(Tokens.user(org, List.of(team), "member"), id, 200);
        // An org admin cannot send for another organization's team, nor for a team its organization does not have.
        String foreignOrg = Tenants.newOrg();
        String foreign = team(foreignOrg, Tenants.newTeam());
        for (String teamId : List.of(foreign, Tenants.newTeam())) {
            as(Tokens.withEmail("boss@example.com", org, List.of(), "org_admin"))
                    .queryParam("report_type", "usage")
                    .queryParam("team_id", teamId)
                    .post("/v1/reports/send")
                    .then()
                    .statusCode(404);
        }
        // A member whose token names that id sends its own organization's team's report; the other organization's
        // team has no delivery.
        as(Tokens.withEmail("alice@example.com", org, List.of(foreign), "member"))
                .queryParam("report_type", "usage")
                .queryParam("team_id", foreign)
                .post("/v1/reports/send")
                .then()
                .statusCode(202);
        assertEquals(
                1, Db.count("select count(*) from report_delivery where org_id = ? and team_id = ?", org, foreign));
        assertEquals(
                0,
                Db.count("select count(*) from report_delivery where org_id = ? and team_id = ?", foreignOrg, foreign));
    }

    @Test
    void shouldRequireAToken() {
        given().queryParam("report_type", "usage")
                .post("/v1/reports/send")
                .then()
                .statusCode(401);
        given().get("/v1/reports/deliveries/dlv_x").then().statusCode(401);
    }

    private static void assertThatLocationEndsWith(ExtractableResponse<Response> sent, String path) {
        org.hamcrest.MatcherAssert.assertThat(sent.header("Location"), endsWith(path));
    }
}
