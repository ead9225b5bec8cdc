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
import java.util.Arrays;
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
        // The delay of each mail, from its row: first attempt (an ad-hoc send's due time) to sent_at. The dispatcher
        // reckons both from the instant it was given plus the whole seconds it has really spent, so under load the
        // two sent at once wait a few seconds more and the retried one's first attempt may be stamped a few seconds
        // late: the sum is what the rows say, not a fixed 120-130 s (it was 146 s at load average 18).
        List<Map<String, Object>> sent = Db.query(
                "select extract(epoch from sent_at - first_attempt_at)::float8 as delay, first_attempt_at, sent_at"
                        + " from report_delivery where status = 'sent' order by first_attempt_at, delivery_id");
        assertEquals(3, sent.size(), sent.toString());
        double[] delays = sent.stream()
                .mapToDouble(r -> ((Number) r.get("delay")).doubleValue())
                .toArray();
        double delay = delta(before, after, "reports_delivery_delay_seconds_sum", Map.of());
        assertEquals(Arrays.stream(delays).sum(), delay, 1e-6, "delay sum, rows " + sent);
        assertEquals(
                Arrays.stream(delays).filter(d -> d <= 60).count(),
                delta(before, after, "reports_delivery_delay_seconds_bucket", Map.of("le", "60.0")));
        // Two first tried by the dispatch at AT, the outage's one first tried at AT+60 s and sent by the retry at
        // AT+180 s (each plus the whole seconds its dispatch had spent).
        for (Map<String, Object> once : sent.subList(0, 2)) {
            assertTrue(instant(once.get("first_attempt_at")).isBefore(AT.plusSeconds(60)), sent::toString);
        }
        Instant retriedFirst = instant(sent.get(2).get("first_attempt_at"));
        assertTrue(
                !retriedFirst.isBefore(AT.plusSeconds(60)) && retriedFirst.isBefore(AT.plusSeconds(180)),
                sent::toString);
        assertTrue(!instant(sent.get(2).get("sent_at")).isBefore(AT.plusSeconds(180)), sent::toString);
    }

    private static Instant instant(Object timestamp) {
        return timestamp instanceof java.sql.Timestamp t
                ? t.toInstant()
                : ((java.time.OffsetDateTime) timestamp).toInstant();
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
