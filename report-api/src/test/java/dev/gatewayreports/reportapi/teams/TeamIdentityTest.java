package dev.gatewayreports.reportapi.teams;

import static dev.gatewayreports.reportapi.support.Events.event;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatewayreports.reportapi.support.Rollups;
import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.reportapi.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A team is (organization, team id): two organizations may each have {@code team_x}, and then their events, identities,
 * rollups, reports, schedules, {@code /calls/stats} and admin usage & cost never mix; another organization's team
 * answers exactly as a team nobody has.
 */
@QuarkusTest
class TeamIdentityTest {
    private static final String START = "2025-03-03T00:00:00Z";
    private static final String END = "2025-03-05T00:00:00Z";

    /** What one organization sent for the shared team id, computed here from the events themselves. */
    private record Sent(List<Map<String, Object>> events) {
        long requests() {
            return events.size();
        }

        long errors() {
            return events.stream().filter(e -> "error".equals(e.get("status"))).count();
        }

        long inputTokens() {
            return events.stream()
                    .mapToLong(e -> ((Number) e.get("input_tokens")).longValue())
                    .sum();
        }

        long maxInputTokens() {
            return events.stream()
                    .mapToLong(e -> ((Number) e.get("input_tokens")).longValue())
                    .max()
                    .orElse(0);
        }

        BigDecimal cost() {
            return events.stream().map(e -> (BigDecimal) e.get("cost_usd")).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        Set<String> requestIds() {
            Set<String> ids = new TreeSet<>();
            events.forEach(e -> ids.add((String) e.get("request_id")));
            return ids;
        }
    }

    private static Map<String, Object> sent(
            String team, String requestId, String at, int input, String cost, int latency, boolean error) {
        var e = event(team)
                .with("request_id", requestId)
                .with("occurred_at", at)
                .with("input_tokens", input)
                .with("output_tokens", input / 10)
                .with("cost_usd", new BigDecimal(cost))
                .with("latency_ms", latency);
        if (error) {
            e.with("status", "error").with("error_type", "timeout");
        }
        return e.build();
    }

    private static ValidatableResponse ingest(String org, List<Map<String, Object>> events) {
        return given().header("x-api-key", Tenants.serviceKey(org, "ingest"))
                .contentType(ContentType.JSON)
                .body(events)
                .post("/v1/usage/events")
                .then()
                .statusCode(200);
    }

    @Test
    void shouldKeepTwoOrganizationsTeamsOfTheSameIdApartEverywhere() {
        String orgA = Tenants.newOrg();
        String orgB = Tenants.newOrg();
        String team = Tenants.newTeam();
        String shared = "req_" + UUID.randomUUID();
        Sent a = new Sent(List.of(
                sent(team, shared + "-1", "2025-03-03T10:00:00Z", 100, "1.5", 100, false),
                sent(team, shared + "-2", "2025-03-03T23:30:00Z", 200, "2.25", 200, true),
                sent(team, shared + "-a", "2025-03-04T05:00:00Z", 300, "0.125", 300, false)));
        // The same team id and the same request ids, other figures.
        Sent b = new Sent(List.of(
                sent(team, shared + "-1", "2025-03-03T11:00:00Z", 1000, "10", 1000, false),
                sent(team, shared + "-2", "2025-03-04T12:00:00Z", 2000, "20", 2000, false)));

        ingest(orgA, a.events()).body("accepted", equalTo(3)).body("duplicates", equalTo(0));
        // Another organization's request ids are not duplicates of these; its own retry is.
        ingest(orgB, b.events())
                .body("accepted", equalTo(2))
                .body("duplicates", equalTo(0))
                .body("rejected", hasSize(0));
        ingest(orgB, b.events()).body("accepted", equalTo(0)).body("duplicates", equalTo(2));
        Rollups.foldAll();

        for (var org : Map.of(orgA, a, orgB, b).entrySet()) {
            assertReportsCountOnly(org.getKey(), team, org.getValue());
            assertCallStatsCountOnly(org.getKey(), team, org.getValue());
            assertAdminUsageAndCostCountOnly(org.getKey(), org.getValue());
        }

        // One schedule of a report type per team of each organization, neither replacing the other.
        for (String org : List.of(orgA, orgB)) {
            Map<String, Object> schedule = new HashMap<>(
                    Map.of("report_type", "usage", "frequency", "daily", "schedule_time", "09:00", "team_id", team));
            schedule.put("recipients", List.of(recipient(org, orgA)));
            given().header("Authorization", Tokens.bearer(Tokens.user(org, List.of(team), "team_admin")))
                    .contentType(ContentType.JSON)
                    .body(schedule)
                    .post("/v1/reports/schedule")
                    .then()
                    .statusCode(200);
        }
        for (String org : List.of(orgA, orgB)) {
            given().header("Authorization", Tokens.bearer(Tokens.orgAdmin(org)))
                    .get("/v1/reports/preferences/all")
                    .then()
                    .statusCode(200)
                    .body("schedules", hasSize(1))
                    .body("schedules[0].recipients", equalTo(List.of(recipient(org, orgA))));
        }
    }

    private static String recipient(String org, String orgA) {
        return org.equals(orgA) ? "ops@a.example" : "ops@b.example";
    }

    private static void assertReportsCountOnly(String org, String team, Sent sent) {
        for (String teamId : List.of(team, "all")) {
            JsonPath report = given().header("Authorization", Tokens.bearer(Tokens.orgAdmin(org)))
                    .contentType(ContentType.JSON)
                    .body(Map.of(
                            "report_type",
                            "comprehensive",
                            "team_id",
                            teamId,
                            "start",
                            START,
                            "end",
                            END,
                            "sections",
                            Map.of("slow_requests", true, "error_details", true)))
                    .post("/v1/reports/generate")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            String what = org + " " + teamId;
            assertEquals(sent.requests(), report.getLong("data.summary.total_requests"), what);
            assertEquals(sent.errors(), report.getLong("data.summary.failed_requests"), what);
            assertEquals(
                    0, sent.cost().compareTo(report.getObject("data.summary.total_cost_usd", BigDecimal.class)), what);
            assertEquals(sent.requestIds(), new TreeSet<>(report.getList("data.slow_requests.request_id")), what);
            assertEquals(
                    sent.errors(),
                    report.getList("data.error_details.recent_errors").size(),
                    what);
        }
    }

    private static void assertCallStatsCountOnly(String org, String team, Sent sent) {
        String basic = Base64.getEncoder()
                .encodeToString(("api:" + Tenants.serviceKey(org, "stats")).getBytes(StandardCharsets.UTF_8));
        JsonPath stats = given().header("Authorization", "Basic " + basic)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "project_id",
                        team,
                        "start",
                        START,
                        "end",
                        END,
                        "granularity",
                        172_800,
                        "usage_metrics",
                        List.of(Map.of("metric", "input_tokens", "aggregations", List.of("sum", "max"))),
                        "call_metrics",
                        List.of(Map.of("metric", "call_count"))))
                .post("/calls/stats")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(sent.requests(), stats.getLong("call_buckets[0].sum_call_count"), org);
        assertEquals(sent.inputTokens(), stats.getLong("usage_buckets[0].sum_input_tokens"), org);
        assertEquals(sent.maxInputTokens(), stats.getLong("usage_buckets[0].max_input_tokens"), org);
    }

    private static void assertAdminUsageAndCostCountOnly(String org, Sent sent) {
        String key = Tenants.serviceKey(org, "admin");
        JsonPath usage = given().header("x-api-key", key)
                .queryParam("starting_at", START)
                .queryParam("ending_at", END)
                .queryParam("group_by[]", "workspace_id")
                .get("/v1/organizations/usage_report/messages")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        long input = usage.getList("data.results.flatten().uncached_input_tokens", Long.class).stream()
                .mapToLong(Long::longValue)
                .sum();
        assertEquals(sent.inputTokens(), input, org);
        JsonPath cost = given().header("x-api-key", key)
                .queryParam("starting_at", START)
                .queryParam("ending_at", END)
                .get("/v1/organizations/cost_report")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        BigDecimal cents = cost.getList("data.results.flatten().amount", String.class).stream()
                .map(BigDecimal::new)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, sent.cost().movePointRight(2).compareTo(cents), org + ": " + cents + " cents");
    }

    @Test
    void shouldAnswerAnotherOrganizationsTeamExactlyAsATeamNobodyHas() {
        String org = Tenants.newOrg();
        String other = Tenants.newOrg();
        String foreign = Tenants.newTeam();
        ingest(other, List.of(sent(foreign, "req_" + UUID.randomUUID(), "2025-03-03T10:00:00Z", 5, "7", 70, true)));
        Rollups.foldAll();
        String unknown = Tenants.newTeam();
        String admin = Tokens.orgAdmin(org);
        String stats = Base64.getEncoder()
                .encodeToString(("api:" + Tenants.serviceKey(org, "stats")).getBytes(StandardCharsets.UTF_8));
        String usageKey = Tenants.serviceKey(org, "admin");
        List<Function<String, ValidatableResponse>> reads = List.of(
                id -> given().header("Authorization", Tokens.bearer(admin))
                        .get("/v1/admin/teams/" + id)
                        .then(),
                id -> given().header("Authorization", Tokens.bearer(admin))
                        .contentType(ContentType.JSON)
                        .body(Map.of("name", "mine now"))
                        .patch("/v1/admin/teams/" + id)
                        .then(),
                id -> given().header("Authorization", Tokens.bearer(admin))
                        .contentType(ContentType.JSON)
                        .body(Map.of("report_type", "usage", "team_id", id, "start", START, "end", END))
                        .post("/v1/reports/generate")
                        .then(),
                id -> given().header("Authorization", Tokens.bearer(admin))
                        .queryParam("team_id", id)
                        .get("/v1/reports/preferences/all")
                        .then(),
                id -> given().header("Authorization", "Basic " + stats)
                        .contentType(ContentType.JSON)
                        .body(Map.of("project_id", id, "start", START, "end", END))
                        .post("/calls/stats")
                        .then(),
                id -> given().header("x-api-key", usageKey)
                        .queryParam("starting_at", START)
                        .queryParam("ending_at", END)
                        .queryParam("workspace_ids[]", id)
                        .get("/v1/organizations/usage_report/messages")
                        .then(),
                // A member whose token names the id reads its own organization's team of that id: zeros.
                id -> given().header("Authorization", Tokens.bearer(Tokens.user(org, List.of(id), "member")))
                        .contentType(ContentType.JSON)
                        .body(Map.of("report_type", "usage", "team_id", id, "start", START, "end", END))
                        .post("/v1/reports/generate")
                        .then(),
                id -> given().header("Authorization", Tokens.bearer(Tokens.user(org, List.of(id), "member")))
                        .contentType(ContentType.JSON)
                        .body(Map.of("project_id", id, "start", START, "end", END))
                        .post("/calls/stats")
                        .then());
        for (int i = 0; i < reads.size(); i++) {
            var f = reads.get(i).apply(foreign).extract();
            var u = reads.get(i).apply(unknown).extract();
            assertEquals(u.statusCode(), f.statusCode(), "read " + i);
            assertEquals(comparable(u.asString(), unknown), comparable(f.asString(), foreign), "read " + i);
        }

        // Writes: the id becomes the organization's own team, exactly as an id nobody has would.
        for (String id : List.of(foreign, unknown)) {
            ingest(
                            org,
                            List.of(event(id)
                                    .with("occurred_at", "2025-03-03T12:00:00Z")
                                    .build()))
                    .body("accepted", equalTo(1))
                    .body("rejected", hasSize(0));
        }
        String another = Tenants.newTeam();
        ingest(other, List.of(event(another).build()));
        for (String id : List.of(another, Tenants.newTeam())) {
            given().header("Authorization", Tokens.bearer(admin))
                    .contentType(ContentType.JSON)
                    .body(Map.of("team_id", id, "name", "Ours"))
                    .post("/v1/admin/teams")
                    .then()
                    .statusCode(201)
                    .body("org_id", equalTo(org));
        }
        // The other organization's teams and their figures are untouched.
        for (String id : List.of(foreign, another)) {
            given().header("Authorization", Tokens.bearer(Tokens.orgAdmin(other)))
                    .get("/v1/admin/teams/" + id)
                    .then()
                    .statusCode(200)
                    .body("name", equalTo(id))
                    .body("registered_by", equalTo("ingest"));
        }
        given().header("Authorization", Tokens.bearer(Tokens.orgAdmin(other)))
                .contentType(ContentType.JSON)
                .body(Map.of("report_type", "usage", "team_id", foreign, "start", START, "end", END))
                .post("/v1/reports/generate")
                .then()
                .statusCode(200)
                .body("data.summary.total_requests", equalTo(1));
    }

    /** An answer about {@code id} with the id and the time of generation taken out, to compare two answers. */
    private static String comparable(String body, String id) {
        return body.replace(id, "<team>").replaceAll("\"generated_at\":\"[^\"]*\"", "");
    }
}
