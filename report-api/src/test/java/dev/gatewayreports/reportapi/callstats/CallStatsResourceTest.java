package dev.gatewayreports.reportapi.callstats;

import static dev.gatewayreports.reportapi.support.Events.event;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;

import dev.gatewayreports.reportapi.support.Rollups;
import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.reportapi.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CallStatsResourceTest {

    private static String basic(String key) {
        return "Basic " + Base64.getEncoder().encodeToString(("api:" + key).getBytes(StandardCharsets.UTF_8));
    }

    private static void ingest(String org, List<Map<String, Object>> events) {
        given().header("x-api-key", Tenants.serviceKey(org, "ingest"))
                .contentType(ContentType.JSON)
                .body(events)
                .post("/v1/usage/events")
                .then()
                .statusCode(200);
        Rollups.foldAll(); // what the aggregation worker does within a second
    }

    private static RequestSpecification as(String key) {
        return given().header("Authorization", basic(key)).contentType(ContentType.JSON);
    }

    @Test
    void shouldAnswerUsageByModelAndCallsByBucket() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        ingest(
                org,
                List.of(
                        event(team)
                                .with("occurred_at", "2025-06-10T10:05:00Z")
                                .with("latency_ms", 100)
                                .build(),
                        event(team)
                                .with("occurred_at", "2025-06-10T10:15:00Z")
                                .with("latency_ms", 300)
                                .with("input_tokens", 100)
                                .with("cache_read_input_tokens", 50)
                                .build(),
                        event(team)
                                .with("occurred_at", "2025-06-10T10:20:00Z")
                                .with("model", "claude-haiku-4-5")
                                .with("status", "error")
                                .with("error_type", "timeout")
                                .with("latency_ms", 500)
                                .build(),
                        event(team)
                                .with("occurred_at", "2025-06-10T11:30:00Z")
                                .with("latency_ms", 700)
                                .build()));
        String key = Tenants.serviceKey(org, "stats");
        as(key).body(Map.of(
                        "project_id",
                        team,
                        "start",
                        "2025-06-10T10:00:00Z",
                        "end",
                        "2025-06-10T12:00:00Z",
                        "granularity",
                        3600,
                        "usage_metrics",
                        List.of(
                                Map.of(
                                        "metric",
                                        "input_tokens",
                                        "aggregations",
                                        List.of("sum", "max", "min", "count"),
                                        "percentiles",
                                        List.of(50, 100)),
                                Map.of("metric", "total_cost", "aggregations", List.of("sum", "avg", "max"))),
                        "call_metrics",
                        List.of(
                                Map.of("metric", "call_count"),
                                Map.of("metric", "error_count", "aggregations", List.of("sum", "avg")),
                                Map.of(
                                        "metric",
                                        "latency_ms",
                                        "aggregations",
                                        List.of("avg", "min", "max"),
                                        "percentiles",
                                        List.of(50, 99.9)))))
                .post("/calls/stats")
                .then()
                .statusCode(200)
                .body("granularity", equalTo(3600))
                .body("timezone", equalTo("UTC"))
                .body("usage_buckets", hasSize(3))
                .body("usage_buckets[0].timestamp", equalTo("2025-06-10T10:00:00Z"))
                .body("usage_buckets[0].model", equalTo("claude-haiku-4-5"))
                .body("usage_buckets[1].model", equalTo("claude-sonnet-4-5"))
                .body("usage_buckets[1].sum_input_tokens", equalTo(1200 + 150))
                .body("usage_buckets[1].max_input_tokens", equalTo(1200))
                .body("usage_buckets[1].count_input_tokens", equalTo(2))
                .body("usage_buckets[1].min_input_tokens", equalTo(150))
                .body("usage_buckets[1].p50_input_tokens", equalTo(150))
                .body("usage_buckets[1].p100_input_tokens", equalTo(1200))
                .body("usage_buckets[1].sum_total_cost", greaterThan(0f))
                .body("usage_buckets[1].max_total_cost", greaterThan(0f))
                .body("call_buckets", hasSize(2))
                .body("call_buckets[0].sum_call_count", equalTo(3))
                .body("call_buckets[0].sum_error_count", equalTo(1))
                .body("call_buckets[0].avg_error_count", equalTo(1 / 3.0f))
                .body("call_buckets[0].avg_latency_ms", equalTo(300.0f))
                .body("call_buckets[0].min_latency_ms", equalTo(100))
                .body("call_buckets[0].max_latency_ms", equalTo(500))
                .body("call_buckets[1].timestamp", equalTo("2025-06-10T11:00:00Z"))
                .body("call_buckets[1].'p99.9_latency_ms'", allOf(greaterThan(693f), lessThan(707f)));
    }

    @Test
    void shouldStartDailyBucketsAtLocalMidnightAcrossDst() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        // America/New_York springs forward on 2025-03-09: that local day is 23 hours long.
        ingest(
                org,
                List.of(
                        event(team).with("occurred_at", "2025-03-09T04:30:00Z").build(), // 23:30 on the 8th
                        event(team).with("occurred_at", "2025-03-09T05:30:00Z").build(), // 00:30 on the 9th
                        event(team).with("occurred_at", "2025-03-10T03:59:00Z").build(), // 23:59 on the 9th (EDT)
                        event(team).with("occurred_at", "2025-03-10T04:00:00Z").build())); // 00:00 on the 10th
        as(Tenants.serviceKey(org, "stats"))
                .body(Map.of(
                        "project_id",
                        team,
                        "start",
                        "2025-03-08T00:00:00-05:00",
                        "end",
                        "2025-03-11T00:00:00-04:00",
                        "granularity",
                        86400,
                        "timezone",
                        "America/New_York",
                        "call_metrics",
                        List.of(Map.of("metric", "call_count"))))
                .post("/calls/stats")
                .then()
                .statusCode(200)
                .body(
                        "call_buckets.timestamp",
                        equalTo(List.of("2025-03-08T05:00:00Z", "2025-03-09T05:00:00Z", "2025-03-10T04:00:00Z")))
                .body("call_buckets.sum_call_count", equalTo(List.of(1, 2, 1)));
    }

    @Test
    void shouldApplyPerCallFilters() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        ingest(
                org,
                List.of(
                        event(team)
                                .with("occurred_at", "2025-06-10T10:05:00Z")
                                .with("trace_id", "t1")
                                .with("user_id", "u1")
                                .build(),
                        event(team)
                                .with("occurred_at", "2025-06-10T10:06:00Z")
                                .with("trace_id", "t1")
                                .with("parent_id", "p1")
                                .with("user_id", "u1")
                                .with("op_name", "messages.create")
                                .build(),
                        event(team)
                                .with("occurred_at", "2025-06-10T10:07:00Z")
                                .with("trace_id", "t2")
                                .with("input_refs", List.of("ref:a"))
                                .build()));
        String key = Tenants.serviceKey(org, "stats");
        record Case(Map<String, Object> filter, int calls) {}
        for (Case c : List.of(
                new Case(Map.of("trace_ids", List.of("t1")), 2),
                new Case(Map.of("trace_ids", List.of("t1"), "trace_roots_only", true), 1),
                new Case(Map.of("wb_user_ids", List.of("u1"), "op_names", List.of("messages.create")), 1),
                new Case(Map.of("input_refs", List.of("ref:a", "ref:b")), 1),
                new Case(Map.of("parent_ids", List.of("p1")), 1))) {
            as(key).body(Map.of(
                            "project_id",
                            team,
                            "start",
                            "2025-06-10T00:00:00Z",
                            "end",
                            "2025-06-11T00:00:00Z",
                            "filter",
                            c.filter(),
                            "call_metrics",
                            List.of(Map.of("metric", "call_count"))))
                    .post("/calls/stats")
                    .then()
                    .statusCode(200)
                    .body("call_buckets.sum_call_count.sum()", equalTo(c.calls()));
        }
    }

    @Test
    void shouldChooseGranularityFromTheSpanAndCapBuckets() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        ingest(
                org,
                List.of(event(team).with("occurred_at", "2025-06-10T10:05:00Z").build()));
        String key = Tenants.serviceKey(org, "stats");
        Object[][] cases = {
            {"2025-06-10T10:00:00Z", "2025-06-10T12:00:00Z", null, 300},
            {"2025-06-10T00:00:00Z", "2025-06-10T12:00:00Z", null, 3600},
            {"2025-06-10T00:00:00Z", "2025-06-13T00:00:00Z", null, 21600},
            {"2025-06-01T00:00:00Z", "2025-06-15T00:00:00Z", null, 43200},
            {"2025-06-01T00:00:00Z", "2025-07-15T00:00:00Z", null, 86400},
            {"2025-06-10T00:00:00Z", "2025-06-11T00:00:00Z", 1, 9},
        };
        for (Object[] c : cases) {
            Map<String, Object> body = new java.util.HashMap<>(Map.of("project_id", team, "start", c[0], "end", c[1]));
            if (c[2] != null) {
                body.put("granularity", c[2]);
            }
            as(key).body(body).post("/calls/stats").then().statusCode(200).body("granularity", equalTo(c[3]));
        }
    }

    @Test
    void shouldRejectBadInputNamingTheField() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        ingest(org, List.of(event(team).build()));
        String key = Tenants.serviceKey(org, "stats");
        Map<String, Object> ok = Map.of("project_id", team, "start", "2025-06-10T00:00:00Z");
        Object[][] cases = {
            {Map.of("start", "2025-06-10T00:00:00Z"), "project_id"},
            {Map.of("project_id", team), "start"},
            {Map.of("project_id", team, "start", "yesterday"), "start"},
            {Map.of("project_id", team, "start", "2025-06-10T00:00:00"), "start"},
            {with(ok, "end", "2025-06-09T00:00:00Z"), "end"},
            {with(ok, "end", "2025-06-10T00:00:00Z"), "end"},
            {with(ok, "granularity", 0), "granularity"},
            {with(ok, "granularity", "hourly"), "granularity"},
            {with(ok, "timezone", "Mars/Olympus"), "timezone"},
            {with(ok, "usage_metrics", List.of(Map.of("metric", "joules"))), "usage_metrics[0].metric"},
            {with(ok, "call_metrics", List.of(Map.of("metric", "input_tokens"))), "call_metrics[0].metric"},
            {
                with(ok, "call_metrics", List.of(Map.of("metric", "latency_ms", "aggregations", List.of("median")))),
                "call_metrics[0].aggregations"
            },
            {
                with(ok, "call_metrics", List.of(Map.of("metric", "latency_ms", "percentiles", List.of(101)))),
                "call_metrics[0].percentiles"
            },
            {
                with(ok, "call_metrics", List.of(Map.of("metric", "latency_ms", "percentiles", List.of(-1)))),
                "call_metrics[0].percentiles"
            },
            {with(ok, "filter", Map.of("trace_ids", "t1")), "filter.trace_ids"},
            {with(ok, "granularity", 1_000_000_000_000L), "granularity"},
            {with(ok, "filter", Map.of("call_ids", java.util.Arrays.asList("a", null))), "filter.call_ids"},
            {
                with(ok, "usage_metrics", List.of(Map.of("metric", "input_tokens", "percentiles", List.of(50, 200)))),
                "usage_metrics[0].percentiles"
            },
        };
        for (Object[] c : cases) {
            as(key).body(c[0])
                    .post("/calls/stats")
                    .then()
                    .statusCode(400)
                    .body("error.code", equalTo("invalid_request"))
                    .body("error.field", equalTo(c[1]));
        }
        for (String[] odd : new String[][] {
            {"0001-01-01T00:00:00Z", "0001-01-03T00:00:00Z"}, {"9999-12-30T00:00:00Z", "9999-12-31T00:00:00Z"}
        }) {
            as(key).body(Map.of("project_id", team, "start", odd[0], "end", odd[1], "timezone", "Asia/Kathmandu"))
                    .post("/calls/stats")
                    .then()
                    .statusCode(200);
        }
        as(key).body("{not json").post("/calls/stats").then().statusCode(400).body("error.field", equalTo("body"));
    }

    private static Map<String, Object> with(Map<String, Object> base, String k, Object v) {
        Map<String, Object> m = new java.util.HashMap<>(base);
        m.put(k, v);
        return m;
    }

    @Test
    void shouldLimitProjectsToTheCallersTeams() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String other = Tenants.newOrg();
        String foreignTeam = Tenants.newTeam();
        ingest(org, List.of(event(team).build()));
        ingest(other, List.of(event(foreignTeam).build()));
        Map<String, Object> body = Map.of("project_id", team, "start", "2025-06-10T00:00:00Z");
        Map<String, Object> foreign = Map.of("project_id", foreignTeam, "start", "2025-06-10T00:00:00Z");
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/calls/stats")
                .then()
                .statusCode(401);
        as("sk-svc-nonsense")
                .body(body)
                .post("/calls/stats")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("error.code", equalTo("unauthorized"));
        given().auth()
                .preemptive()
                .basic("api", "sk-svc-nonsense")
                .contentType(ContentType.JSON)
                .body(body)
                .post("/calls/stats")
                .then()
                .statusCode(401)
                .body("error.code", equalTo("unauthorized"));
        as(Tenants.serviceKey(org, "ingest"))
                .body(body)
                .post("/calls/stats")
                .then()
                .statusCode(403);
        String stats = Tenants.serviceKey(org, "stats");
        as(stats).body(body).post("/calls/stats").then().statusCode(200).body("call_buckets", hasSize(0));
        as(stats).body(foreign).post("/calls/stats").then().statusCode(404).body("error.field", nullValue());
        as(stats)
                .body(Map.of("project_id", "team_nobody", "start", "2025-06-10T00:00:00Z"))
                .post("/calls/stats")
                .then()
                .statusCode(404);
        String member = Tokens.bearer(Tokens.user(org, List.of(team), "member"));
        given().header("Authorization", member)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/calls/stats")
                .then()
                .statusCode(200);
        // A member's token naming the other organization's team id names its own organization's team of that id:
        // it reads that (empty) team, as for an id nobody has, never the other organization's events.
        for (String id : List.of(foreignTeam, Tenants.newTeam())) {
            given().header("Authorization", Tokens.bearer(Tokens.user(org, List.of(id), "member")))
                    .contentType(ContentType.JSON)
                    .body(Map.of("project_id", id, "start", "2025-06-10T00:00:00Z"))
                    .post("/calls/stats")
                    .then()
                    .statusCode(200)
                    .body("call_buckets", hasSize(0));
        }
        String otherMember = Tokens.bearer(Tokens.user(org, List.of("team_else"), "member"));
        given().header("Authorization", otherMember)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/calls/stats")
                .then()
                .statusCode(404);
        String orgAdmin = Tokens.bearer(Tokens.orgAdmin(org));
        given().header("Authorization", orgAdmin)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/calls/stats")
                .then()
                .statusCode(200);
        given().header("Authorization", orgAdmin)
                .contentType(ContentType.JSON)
                .body(foreign)
                .post("/calls/stats")
                .then()
                .statusCode(404);
        String ingestUser = Tokens.bearer(Tokens.user(org, List.of(team), "ingest"));
        given().header("Authorization", ingestUser)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/calls/stats")
                .then()
                .statusCode(403);
    }
}
