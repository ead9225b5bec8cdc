package dev.gatewayreports.scheduling.due;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.gatewayreports.scheduling.support.GreenMailResource;
import dev.gatewayreports.scheduling.support.Seeds;
import dev.gatewayreports.scheduling.support.Stubs;
import dev.gatewayreports.testing.Db;
import dev.gatewayreports.testing.MetricsScrape;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's metrics from /q/metrics after real dispatches (PostgreSQL, GreenMail, report-api stubbed):
 * attempts by outcome and their duration, and the due-work gauges against rows of known due times.
 */
@QuarkusTest
class DeliveryMetricsTest {
    static final Path METRIC_NAMES = Path.of("../deploy/observability/metric-names/scheduler-service.txt");
    static final Instant AT = Instant.parse("2026-11-23T00:00:00Z");

    @Inject
    Dispatcher dispatcher;

    @Inject
    DueMonitor monitor;

    @OidcWireMock
    WireMockServer wireMock;

    final List<StubMapping> extraStubs = new ArrayList<>();

    @BeforeEach
    void setUp() {
        Seeds.clearSchedules();
        GreenMailResource.startServer();
        Stubs.reportApi(wireMock);
    }

    @AfterEach
    void tearDown() {
        GreenMailResource.startServer();
        extraStubs.forEach(wireMock::removeStub);
    }

    static MetricsScrape scrape() {
        return new MetricsScrape(
                given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    @Test
    void shouldCountAttemptsSentRetriedAndGivenUpAndTimeThem() throws Exception {
        MetricsScrape before = scrape();
        adHoc(Seeds.team("Sent"), AT);
        adHoc(Seeds.team("Sent too"), AT);
        String[] gone = Seeds.team("Gone");
        extraStubs.add(Stubs.teamGone(wireMock, gone[1]));
        adHoc(gone, AT);
        assertEquals(new DispatchResult(0, 2, 0, 1), dispatcher.dispatchDue(AT));

        adHoc(Seeds.team("Outage"), AT.plusSeconds(60));
        GreenMailResource.stopServer();
        assertEquals(new DispatchResult(0, 0, 1, 0), dispatcher.dispatchDue(AT.plusSeconds(60)));
        GreenMailResource.startServer();
        // Retried after the first backoff (1 min): sent 2 minutes after its first attempt.
        assertEquals(new DispatchResult(0, 1, 0, 0), dispatcher.dispatchDue(AT.plusSeconds(180)));
        MetricsScrape after = scrape();

        assertEquals(3, delta(before, after, "reports_deliveries_total", "sent"));
        assertEquals(1, delta(before, after, "reports_deliveries_total", "retried"));
        assertEquals(1, delta(before, after, "reports_deliveries_total", "failed"));
        assertEquals(3, delta(before, after, "reports_delivery_attempt_seconds_count", "sent"));
        assertEquals(1, delta(before, after, "reports_delivery_attempt_seconds_count", "retried"));
        assertEquals(1, delta(before, after, "reports_delivery_attempt_seconds_count", "failed"));
        assertTrue(delta(before, after, "reports_delivery_attempt_seconds_sum", "sent") > 0);
        assertEquals(3, delta(before, after, "reports_delivery_delay_seconds_count", Map.of()));
        // Two sent at once (0 s plus whole seconds spent), one 120 s after its first attempt.
        double delay = delta(before, after, "reports_delivery_delay_seconds_sum", Map.of());
        assertTrue(delay >= 120 && delay < 130, "delay sum " + delay);
        assertEquals(2, delta(before, after, "reports_delivery_delay_seconds_bucket", Map.of("le", "60.0")));
    }

    @Test
    void shouldReportTheWorkDueNowAndHowLongItHasWaited() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        adHoc(Seeds.team("Waiting"), now.minus(Duration.ofMinutes(20)));
        adHoc(Seeds.team("Waiting too"), now.minus(Duration.ofMinutes(2)));
        adHoc(Seeds.team("Later"), now.plus(Duration.ofHours(1)));
        String held = adHoc(Seeds.team("Held"), now.minus(Duration.ofHours(2)));
        Db.execute(
                "update report_delivery set status = 'sending', locked_until = now() + interval '5 minutes'"
                        + " where delivery_id = ?",
                held);
        Seeds.schedule(
                Seeds.team("Due schedule"),
                "daily",
                LocalTime.of(9, 0),
                null,
                "UTC",
                1,
                List.of(Seeds.id("s") + "@example.com"),
                "none",
                now.minus(Duration.ofMinutes(1)));

        DueNow due = monitor.refresh();
        assertEquals(new DueNow(2, due.oldestSeconds(), 1), due);
        assertTrue(due.oldestSeconds() >= 1200 && due.oldestSeconds() < 1210, "oldest due: " + due.oldestSeconds());
        MetricsScrape metrics = scrape();
        assertEquals(2, metrics.value("reports_deliveries_due"));
        assertEquals(1, metrics.value("reports_schedules_due"));
        assertEquals(due.oldestSeconds(), metrics.value("reports_delivery_oldest_due_seconds"));
    }

    @Test
    void shouldKeepTheMetricNamesListCurrent() throws Exception {
        shouldCountAttemptsSentRetriedAndGivenUpAndTimeThem();
        GreenMailResource.startServer();
        monitor.refresh();
        given().get("/q/health/ready").then().statusCode(200);
        // An application request, so the HTTP server's metrics exist whichever tests ran before in this JVM.
        given().get("/no-such-endpoint").then().statusCode(404);
        scrape().checkListed(
                        METRIC_NAMES,
                        name -> name.startsWith("reports_")
                                || name.startsWith("agroal_")
                                || name.startsWith("http_server_requests"));
    }

    private static String adHoc(String[] team, Instant due) {
        return Seeds.adHoc(
                team,
                List.of(Seeds.id("to") + "@example.com"),
                "none",
                Instant.parse("2026-11-16T00:00:00Z"),
                Instant.parse("2026-11-23T00:00:00Z"),
                due);
    }

    private static double delta(MetricsScrape before, MetricsScrape after, String name, String outcome) {
        return delta(before, after, name, Map.of("outcome", outcome));
    }

    private static double delta(MetricsScrape before, MetricsScrape after, String name, Map<String, String> labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
