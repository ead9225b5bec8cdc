package dev.gatewayreports.reportapi.metrics;

import static dev.gatewayreports.reportapi.support.Events.event;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.reportapi.support.Tokens;
import dev.gatewayreports.testing.MetricsScrape;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * report-api's application metrics, read from /q/metrics after real requests. Counters are shared by every test
 * of this JVM, so each assertion compares a scrape before with one after.
 */
@QuarkusTest
class ReportApiMetricsTest {
    static final Path METRIC_NAMES = Path.of("../deploy/observability/metric-names/report-api.txt");

    private String org;
    private String team;
    private String ingestKey;

    @BeforeEach
    void tenant() {
        org = Tenants.newOrg();
        team = Tenants.newTeam();
        ingestKey = Tenants.serviceKey(org, "ingest");
    }

    static MetricsScrape scrape() {
        return new MetricsScrape(
                given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    @Test
    void shouldCountAcceptedDuplicateAndRejectedEventsAndEachBatch() {
        MetricsScrape before = scrape();
        Map<String, Object> first = event(team).build();
        ingest(List.of(first, event(team).build(), event(team).build()))
                .body("accepted", equalTo(3))
                .body("duplicates", equalTo(0));
        ingest(List.of(
                        first,
                        event(team).without("model").build(),
                        event(team).with("latency_ms", -5).build()))
                .body("accepted", equalTo(0))
                .body("duplicates", equalTo(1))
                .body("rejected", hasSize(2));
        MetricsScrape after = scrape();

        assertEquals(3, delta(before, after, "reports_ingest_events_total", Map.of("outcome", "accepted")));
        assertEquals(1, delta(before, after, "reports_ingest_events_total", Map.of("outcome", "duplicate")));
        assertEquals(2, delta(before, after, "reports_ingest_events_total", Map.of("outcome", "rejected")));
        assertEquals(2, delta(before, after, "reports_ingest_batch_events_count", Map.of()));
        assertEquals(6, delta(before, after, "reports_ingest_batch_events_sum", Map.of()));
        // Both requests of 3 events fall in the bucket "at most 10 events".
        assertEquals(2, delta(before, after, "reports_ingest_batch_events_bucket", Map.of("le", "10.0")));
        assertEquals(2, delta(before, after, "reports_ingest_seconds_count", Map.of()));
        assertTrue(delta(before, after, "reports_ingest_seconds_sum", Map.of()) > 0);
    }

    @Test
    void shouldTimeReportsByTypeAndFormatAndCountExportBytes() {
        ingest(List.of(event(team)
                        .with(
                                "occurred_at",
                                Instant.now().minus(1, ChronoUnit.DAYS).toString())
                        .build()))
                .body("accepted", equalTo(1));
        String member = Tokens.bearer(Tokens.user(org, List.of(team), "member"));
        MetricsScrape before = scrape();

        byte[] csv = given().header("Authorization", member)
                .contentType(ContentType.JSON)
                .body(Map.of("report_type", "cost", "days", 3, "format", "csv", "save", true))
                .post("/v1/reports/generate")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        String id = given().header("Authorization", member)
                .get("/v1/reports?report_type=cost")
                .then()
                .statusCode(200)
                .extract()
                .path("data[0].report_id");
        byte[] xlsx = given().header("Authorization", member)
                .queryParam("format", "xlsx")
                .get("/v1/reports/download/" + id)
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        given().header("Authorization", member)
                .get("/v1/reports/quick/usage")
                .then()
                .statusCode(200);
        MetricsScrape after = scrape();

        assertEquals(
                1, delta(before, after, "reports_generation_seconds_count", Map.of("type", "cost", "format", "csv")));
        assertEquals(
                1, delta(before, after, "reports_generation_seconds_count", Map.of("type", "usage", "format", "json")));
        assertEquals(
                1,
                delta(
                        before,
                        after,
                        "reports_generation_seconds_bucket",
                        Map.of("type", "usage", "format", "json", "le", "+Inf")));
        assertEquals(1, delta(before, after, "reports_export_bytes_count", Map.of("format", "csv")));
        assertEquals(csv.length, delta(before, after, "reports_export_bytes_sum", Map.of("format", "csv")));
        assertEquals(1, delta(before, after, "reports_export_bytes_count", Map.of("format", "xlsx")));
        assertEquals(xlsx.length, delta(before, after, "reports_export_bytes_sum", Map.of("format", "xlsx")));
    }

    @Test
    void shouldCountAdminApiPagesByReport() {
        String adminKey = Tenants.serviceKey(org, "admin");
        MetricsScrape before = scrape();
        for (String path : List.of("usage_report/messages", "usage_report/messages", "cost_report")) {
            given().header("x-api-key", adminKey)
                    .header("anthropic-version", "2023-06-01")
                    .queryParam("starting_at", "2025-02-02T00:00:00Z")
                    .get("/v1/organizations/" + path)
                    .then()
                    .statusCode(200);
        }
        given().header("x-api-key", adminKey)
                .queryParam("starting_at", "yesterday")
                .get("/v1/organizations/cost_report")
                .then()
                .statusCode(400);
        MetricsScrape after = scrape();
        assertEquals(2, delta(before, after, "reports_admin_pages_total", Map.of("report", "usage")));
        assertEquals(1, delta(before, after, "reports_admin_pages_total", Map.of("report", "cost")));
    }

    @Test
    void shouldExposeTheConnectionPoolAndKeepTheMetricNamesListCurrent() throws Exception {
        shouldCountAcceptedDuplicateAndRejectedEventsAndEachBatch();
        shouldTimeReportsByTypeAndFormatAndCountExportBytes();
        shouldCountAdminApiPagesByReport();
        given().get("/v1/reports/no-such-thing").then().statusCode(401);
        MetricsScrape now = scrape();
        // The pool's saturation: connections in use and threads waiting for one, against the configured maximum.
        assertTrue(now.has("agroal_active_count"), "agroal_active_count");
        assertTrue(now.has("agroal_awaiting_count"), "agroal_awaiting_count");
        assertEquals(32, now.value("reports_db_pool_max_connections", Map.of()));
        now.checkListed(
                METRIC_NAMES,
                name -> name.startsWith("reports_")
                        || name.startsWith("agroal_")
                        || name.startsWith("http_server_requests"));
    }

    private io.restassured.response.ValidatableResponse ingest(List<Map<String, Object>> events) {
        return given().header("x-api-key", ingestKey)
                .contentType(ContentType.JSON)
                .body(events)
                .post("/v1/usage/events")
                .then()
                .statusCode(200);
    }

    private static double delta(MetricsScrape before, MetricsScrape after, String name, Map<String, String> labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
