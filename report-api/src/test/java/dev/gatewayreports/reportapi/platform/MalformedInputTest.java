package dev.gatewayreports.reportapi.platform;

import static dev.gatewayreports.reportapi.support.Events.event;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.reportapi.support.Tokens;
import dev.gatewayreports.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Input that once answered a 500 (or was silently changed and stored): each now answers a 4xx naming the field, or
 * rejects only the event it is in.
 */
@QuarkusTest
class MalformedInputTest {
    private static final String NUL = "\\u0000";

    private static RequestSpecification orgAdmin(String org) {
        return given().header("Authorization", Tokens.bearer(Tokens.orgAdmin(org)))
                .contentType(ContentType.JSON);
    }

    private static RequestSpecification stats(String key) {
        String basic = Base64.getEncoder().encodeToString(("api:" + key).getBytes(StandardCharsets.UTF_8));
        return given().header("Authorization", "Basic " + basic).contentType(ContentType.JSON);
    }

    private static RequestSpecification admin(String key) {
        return given().header("x-api-key", key);
    }

    private static ValidatableResponse ingest(String key, String contentType, byte[] body) {
        return given().header("x-api-key", key)
                .contentType(contentType)
                .body(body)
                .post("/v1/usage/events")
                .then();
    }

    private static String eventJson(String team, String requestId) {
        return "{\"request_id\":\"" + requestId + "\",\"occurred_at\":\""
                + event(team).build().get("occurred_at")
                + "\",\"team_id\":\"" + team + "\",\"provider\":\"anthropic\",\"model\":\"claude-sonnet-4-5\","
                + "\"status\":\"success\",\"latency_ms\":5}";
    }

    /** A team of the organization with one event, so that a request about it reaches SQL. */
    private static String teamWithAnEvent(String org) {
        String team = Tenants.newTeam();
        given().header("x-api-key", Tenants.serviceKey(org, "ingest"))
                .contentType(ContentType.JSON)
                .body(List.of(event(team).build()))
                .post("/v1/usage/events")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(1));
        return team;
    }

    @Test
    void shouldRejectNulInACallStatsFilterListNamingIt() {
        String org = Tenants.newOrg();
        String team = teamWithAnEvent(org);
        stats(Tenants.serviceKey(org, "stats"))
                .body("{\"project_id\":\"" + team + "\",\"start\":\"2025-06-10T00:00:00Z\",\"end\":"
                        + "\"2025-06-11T00:00:00Z\",\"filter\":{\"trace_ids\":[\"ok\",\"a" + NUL + "b\"]}}")
                .post("/calls/stats")
                .then()
                .statusCode(400)
                .body("error.field", equalTo("filter.trace_ids"));
    }

    @Test
    void shouldRejectNulInAnAdminFilterNamingIt() {
        String org = Tenants.newOrg();
        teamWithAnEvent(org);
        String key = Tenants.serviceKey(org, "admin");
        admin(key)
                .queryParam("starting_at", "2025-01-01T00:00:00Z")
                .queryParam("models[]", "claude\u0000x")
                .get("/v1/organizations/usage_report/messages")
                .then()
                .statusCode(400)
                .body("type", equalTo("error"))
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", startsWith("models[]"));
        admin(key)
                .queryParam("starting_at", "2025-01-01T00:00:00Z")
                .queryParam("workspace_ids[]", "team\u0000x")
                .get("/v1/organizations/cost_report")
                .then()
                .statusCode(400)
                .body("error.message", startsWith("workspace_ids[]"));
    }

    @Test
    void shouldRejectNulInATeamNameNamingIt() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        orgAdmin(org)
                .body("{\"team_id\":\"" + team + "\",\"name\":\"a" + NUL + "b\"}")
                .post("/v1/admin/teams")
                .then()
                .statusCode(400)
                .body("error.field", equalTo("name"));
        orgAdmin(org)
                .body("{\"team_id\":\"" + team + "\",\"name\":\"Platform\"}")
                .post("/v1/admin/teams")
                .then()
                .statusCode(201);
        orgAdmin(org)
                .body("{\"name\":\"a" + NUL + "b\"}")
                .patch("/v1/admin/teams/" + team)
                .then()
                .statusCode(400)
                .body("error.field", equalTo("name"));
    }

    @Test
    void shouldRejectNulInAServiceKeyNameNamingIt() {
        orgAdmin(Tenants.newOrg())
                .body("{\"name\":\"ci" + NUL + "\",\"scopes\":[\"ingest\"]}")
                .post("/v1/admin/service-keys")
                .then()
                .statusCode(400)
                .body("error.field", equalTo("name"));
    }

    @Test
    void shouldRejectANullScopeNamingIt() {
        orgAdmin(Tenants.newOrg())
                .body("{\"name\":\"ci\",\"scopes\":[null]}")
                .post("/v1/admin/service-keys")
                .then()
                .statusCode(400)
                .body("error.field", equalTo("scopes"));
    }

    @Test
    void shouldAnswer404ForAPathIdWithNul() {
        String token = Tokens.bearer(Tokens.orgAdmin(Tenants.newOrg()));
        given().header("Authorization", token)
                .urlEncodingEnabled(false)
                .get("/v1/admin/teams/team%00x")
                .then()
                .statusCode(404);
        given().header("Authorization", token)
                .urlEncodingEnabled(false)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"x\"}")
                .patch("/v1/admin/teams/team%00x")
                .then()
                .statusCode(404);
        given().header("Authorization", token)
                .urlEncodingEnabled(false)
                .delete("/v1/admin/service-keys/key_%00")
                .then()
                .statusCode(404);
    }

    @Test
    void shouldRejectReportTimestampsPostgresCannotStore() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        for (String[] window : List.of(
                new String[] {"+300000-01-01T00:00:00Z", "+300000-01-02T00:00:00Z"},
                new String[] {"-5000-01-01T00:00:00Z", "-5000-01-02T00:00:00Z"})) {
            given().header("Authorization", Tokens.bearer(Tokens.user(org, List.of(team), "member")))
                    .contentType(ContentType.JSON)
                    .body("{\"report_type\":\"usage\",\"start\":\"" + window[0] + "\",\"end\":\"" + window[1] + "\"}")
                    .post("/v1/reports/generate")
                    .then()
                    .statusCode(400)
                    .body("error.field", equalTo("start"));
        }
    }

    @Test
    void shouldRejectCallStatsTimestampsPostgresCannotStore() {
        String org = Tenants.newOrg();
        String team = teamWithAnEvent(org);
        String key = Tenants.serviceKey(org, "stats");
        for (String year : List.of("+300000", "-5000")) {
            stats(key)
                    .body("{\"project_id\":\"" + team + "\",\"start\":\"" + year + "-01-01T00:00:00Z\",\"end\":\""
                            + year + "-01-02T00:00:00Z\"}")
                    .post("/calls/stats")
                    .then()
                    .statusCode(400)
                    .body("error.field", equalTo("start"));
        }
        stats(key)
                .body("{\"project_id\":\"" + team + "\",\"start\":\"2025-01-01T00:00:00Z\",\"end\":"
                        + "\"+300000-01-01T00:00:00Z\"}")
                .post("/calls/stats")
                .then()
                .statusCode(400)
                .body("error.field", equalTo("end"));
    }

    @Test
    void shouldRejectAdminTimestampsPostgresCannotStore() {
        String org = Tenants.newOrg();
        teamWithAnEvent(org);
        String key = Tenants.serviceKey(org, "admin");
        for (String start : List.of("+300000-01-01T00:00:00Z", "-5000-01-01T00:00:00Z")) {
            for (String path : List.of("/v1/organizations/usage_report/messages", "/v1/organizations/cost_report")) {
                admin(key)
                        .queryParam("starting_at", start)
                        .get(path)
                        .then()
                        .statusCode(400)
                        .body("error.message", startsWith("starting_at"));
            }
        }
        admin(key)
                .queryParam("starting_at", "2025-01-01T00:00:00Z")
                .queryParam("ending_at", "+300000-01-01T00:00:00Z")
                .get("/v1/organizations/cost_report")
                .then()
                .statusCode(400)
                .body("error.message", startsWith("ending_at"));
    }

    @Test
    void shouldRejectAHistoryCursorPostgresCannotStore() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        for (String position : List.of("+300000-01-01T00:00:00Z|rpt_1", "2025-01-01T00:00:00Z|rpt_\u0000")) {
            given().header("Authorization", Tokens.bearer(Tokens.user(org, List.of(team), "member")))
                    .queryParam(
                            "cursor",
                            Base64.getUrlEncoder()
                                    .withoutPadding()
                                    .encodeToString(position.getBytes(StandardCharsets.UTF_8)))
                    .get("/v1/reports")
                    .then()
                    .statusCode(400)
                    .body("error.field", equalTo("cursor"));
        }
    }

    @Test
    void shouldRejectJsonNestedTooDeepOnIngest() {
        String key = Tenants.serviceKey(Tenants.newOrg(), "ingest");
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        ingest(key, "application/json", deep.getBytes(StandardCharsets.UTF_8))
                .statusCode(400)
                .body("error.field", equalTo("body"));
        String deepEvent = "[{\"a\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}]";
        ingest(key, "application/json", deepEvent.getBytes(StandardCharsets.UTF_8))
                .statusCode(400)
                .body("error.field", equalTo("body"));
    }

    @Test
    void shouldRejectJsonNestedTooDeepInOtherBodies() {
        String org = Tenants.newOrg();
        String deep = "{\"a\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}";
        orgAdmin(org).body(deep).post("/v1/admin/teams").then().statusCode(400).body("error.field", equalTo("body"));
        stats(Tenants.serviceKey(org, "stats"))
                .body(deep)
                .post("/calls/stats")
                .then()
                .statusCode(400)
                .body("error.field", equalTo("body"));
    }

    @Test
    void shouldRejectOnlyTheNdjsonLineWithInvalidUtf8() throws Exception {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String key = Tenants.serviceKey(org, "ingest");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write((eventJson(team, "ok_1") + "\n").getBytes(StandardCharsets.UTF_8));
        body.write(eventJson(team, "bad_\u00ff").replace("\u00ff", "#").getBytes(StandardCharsets.UTF_8));
        byte[] bad = body.toByteArray();
        // the '#' becomes a lone continuation byte: not UTF-8
        bad[indexOf(bad, (byte) '#')] = (byte) 0x80;
        body = new ByteArrayOutputStream();
        body.write(bad);
        body.write(("\n" + eventJson(team, "overlong_#")).getBytes(StandardCharsets.UTF_8));
        byte[] withOverlong = body.toByteArray();
        int at = indexOf(withOverlong, (byte) '#');
        body = new ByteArrayOutputStream();
        body.write(withOverlong, 0, at);
        body.write(new byte[] {(byte) 0xC0, (byte) 0x80}); // an overlong NUL
        body.write(withOverlong, at + 1, withOverlong.length - at - 1);
        body.write(("\n" + eventJson(team, "ok_2") + "\n").getBytes(StandardCharsets.UTF_8));
        ingest(key, "application/x-ndjson", body.toByteArray())
                .statusCode(200)
                .body("accepted", equalTo(2))
                .body("rejected", hasSize(2))
                .body("rejected[0].index", equalTo(1))
                .body("rejected[0].errors[0].field", equalTo("event"))
                .body("rejected[1].index", equalTo(2));
        assertEquals(2, Db.count("select count(*) from usage_event where team_id = ?", team));
    }

    @Test
    void shouldRejectAJsonArrayWithInvalidUtf8() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String key = Tenants.serviceKey(org, "ingest");
        for (byte[] sequence : List.of(
                new byte[] {(byte) 0xC0, (byte) 0x80}, // overlong NUL
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // an encoded surrogate
                new byte[] {(byte) 0xFF})) {
            byte[] template = ("[" + eventJson(team, "r_#") + "]").getBytes(StandardCharsets.UTF_8);
            int at = indexOf(template, (byte) '#');
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(template, 0, at);
            body.write(sequence, 0, sequence.length);
            body.write(template, at + 1, template.length - at - 1);
            ingest(key, "application/json", body.toByteArray()).statusCode(400).body("error.field", equalTo("body"));
        }
        assertEquals(0, Db.count("select count(*) from usage_event where team_id = ?", team));
    }

    @Test
    void shouldRejectALoneSurrogateNamingTheField() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String key = Tenants.serviceKey(org, "ingest");
        String lone = eventJson(team, "r_\\ud800x");
        String pair = eventJson(team, "r_\\ud83d\\ude00");
        ingest(key, "application/json", ("[" + lone + "," + pair + "]").getBytes(StandardCharsets.UTF_8))
                .statusCode(200)
                .body("accepted", equalTo(1))
                .body("rejected[0].index", equalTo(0))
                .body("rejected[0].errors[0].field", equalTo("request_id"));
        ingest(key, "application/x-ndjson", (lone + "\n").getBytes(StandardCharsets.UTF_8))
                .statusCode(200)
                .body("rejected[0].errors[0].field", equalTo("request_id"));
        assertEquals(
                "r_\ud83d\ude00",
                Db.one("select request_id from usage_event where team_id = ?", team)
                        .get("request_id"));
        orgAdmin(org)
                .body("{\"name\":\"ci\\udc00\",\"scopes\":[\"ingest\"]}")
                .post("/v1/admin/service-keys")
                .then()
                .statusCode(400)
                .body("error.field", equalTo("name"));
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new IllegalArgumentException("not found");
    }
}
