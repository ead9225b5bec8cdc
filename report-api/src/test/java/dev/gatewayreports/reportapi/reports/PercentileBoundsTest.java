package dev.gatewayreports.reportapi.reports;

import static dev.gatewayreports.reportapi.support.Events.event;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.reportapi.support.Rollups;
import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.reportapi.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two events of 29,000 and 30,000 ms: a 1% DDSketch reads p50 ≈ 28,862 ms and p95 = p99 ≈ 30,040 ms, outside the
 * exact [min, max]. Every API answers percentiles inside the group's exact bounds.
 */
@QuarkusTest
class PercentileBoundsTest {
    private static final int MIN = 29_000;
    private static final int MAX = 30_000;

    private static String ingestTwoEvents(String org, String team) {
        given().header("x-api-key", Tenants.serviceKey(org, "ingest"))
                .contentType(ContentType.JSON)
                .body(List.of(
                        event(team)
                                .with("occurred_at", "2025-06-10T10:05:00Z")
                                .with("latency_ms", MIN)
                                .build(),
                        event(team)
                                .with("occurred_at", "2025-06-10T10:35:00Z")
                                .with("latency_ms", MAX)
                                .build()))
                .post("/v1/usage/events")
                .then()
                .statusCode(200);
        Rollups.foldAll();
        return team;
    }

    private static void assertInside(JsonPath json, String path) {
        double v = json.getDouble(path);
        assertTrue(v >= MIN && v <= MAX, path + " = " + v + " is outside [" + MIN + ", " + MAX + "]");
    }

    @Test
    void shouldKeepReportPercentilesInsideMinAndMax() {
        String org = Tenants.newOrg();
        String team = ingestTwoEvents(org, Tenants.newTeam());
        JsonPath report = given().header("Authorization", Tokens.bearer(Tokens.user(org, List.of(team), "member")))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "report_type", "comprehensive",
                        "start", "2025-06-10T00:00:00Z",
                        "end", "2025-06-11T00:00:00Z",
                        "timezone", "UTC",
                        "team_id", team))
                .post("/v1/reports/generate")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(MAX, report.getInt("data.performance.overall.max_latency_ms"));
        for (String p : List.of("p50", "p95", "p99")) {
            assertInside(report, "data.performance.overall." + p + "_latency_ms");
            assertInside(report, "data.performance.by_model[0]." + p + "_latency_ms");
        }
        assertInside(report, "data.summary.p95_latency_ms");
        assertInside(report, "data.by_model[0].p95_latency_ms");
        assertEquals(MAX, report.getDouble("data.performance.overall.p95_latency_ms"));
        assertEquals(MIN, report.getDouble("data.performance.overall.p50_latency_ms"));
    }

    @Test
    void shouldKeepCallStatsPercentilesInsideMinAndMax() {
        String org = Tenants.newOrg();
        String team = ingestTwoEvents(org, Tenants.newTeam());
        String basic = "Basic "
                + Base64.getEncoder()
                        .encodeToString(("api:" + Tenants.serviceKey(org, "stats")).getBytes(StandardCharsets.UTF_8));
        // A whole hour is read from rollups; 10:00–10:40 is a sub-hour edge, read partly from raw events.
        for (String end : List.of("2025-06-10T11:00:00Z", "2025-06-10T10:40:00Z")) {
            JsonPath stats = given().header("Authorization", basic)
                    .contentType(ContentType.JSON)
                    .body(Map.of(
                            "project_id",
                            team,
                            "start",
                            "2025-06-10T10:00:00Z",
                            "end",
                            end,
                            "granularity",
                            3600,
                            "call_metrics",
                            List.of(Map.of(
                                    "metric",
                                    "latency_ms",
                                    "aggregations",
                                    List.of("min", "max"),
                                    "percentiles",
                                    List.of(50, 95, 99)))))
                    .post("/calls/stats")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertEquals(1, stats.getList("call_buckets").size(), end);
            assertEquals(MIN, stats.getInt("call_buckets[0].min_latency_ms"));
            assertEquals(MAX, stats.getInt("call_buckets[0].max_latency_ms"));
            for (String p : List.of("p50", "p95", "p99")) {
                assertInside(stats, "call_buckets[0]." + p + "_latency_ms");
            }
        }
    }
}
