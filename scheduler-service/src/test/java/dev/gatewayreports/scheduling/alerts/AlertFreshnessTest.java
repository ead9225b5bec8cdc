package dev.gatewayreports.scheduling.alerts;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.scheduling.alerts.AlertFixtures.Event;
import dev.gatewayreports.scheduling.alerts.AlertFixtures.Rule;
import dev.gatewayreports.scheduling.support.Seeds;
import dev.gatewayreports.testing.Db;
import dev.gatewayreports.testing.MetricsScrape;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rules see events the moment their ingest call committed (no aggregation worker runs here); a rule that cannot
 * be evaluated is logged and counted without holding back the others; the alert meters on /q/metrics.
 */
@QuarkusTest
class AlertFreshnessTest {
    @Inject
    AlertEvaluator evaluator;

    @Inject
    AlertMonitor monitor;

    @BeforeEach
    void clear() {
        AlertFixtures.clearRules();
    }

    @Test
    void shouldFireOnEventsIngestedAMomentAgoWithoutTheWorker() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String[] team = Seeds.team("Fresh");
        String hour = new Rule(team[0], team[1]).threshold("gt", "1").dueAt(now).insert();
        String month = new Rule(team[0], null)
                .budget("Europe/Berlin")
                .threshold("gte", "2.5")
                .dueAt(now)
                .insert();
        assertEquals(0, evaluator.evaluateDue(now).events());
        assertEquals("ok", AlertFixtures.state(hour));

        AlertFixtures.ingest(
                team[0],
                List.of(
                        Event.cost(team[1], now.minusMillis(800), "1.75"),
                        Event.cost(team[1], now.plusMillis(200), "0.75")));
        Instant then = now.plusSeconds(61);
        evaluator.evaluateDue(then);

        assertEquals(
                1, Db.count("select count(*) from ingest_batch where org_id = ? and rolled_up_at is null", team[0]));
        assertEquals(List.of("fired e1"), AlertFixtures.events(hour));
        assertEquals(0, new BigDecimal("2.5").compareTo(lastValue(hour)));
        assertEquals("firing", AlertFixtures.state(month));
        assertEquals(0, new BigDecimal("2.5").compareTo(lastValue(month)));
        assertTrue(AlertFixtures.events(month)
                .contains("budget_100 "
                        + then.atZone(java.time.ZoneId.of("Europe/Berlin"))
                                .toLocalDate()
                                .toString()
                                .substring(0, 7)));
    }

    @Test
    void shouldCountAFailingRuleAndEvaluateTheOthers() {
        Instant now = Instant.parse("2026-11-23T14:00:00Z");
        String[] team = Seeds.team("Broken zone");
        String broken = new Rule(team[0], team[1])
                .budget("Mars/Olympus_Mons")
                .dueAt(now)
                .insert();
        String fine = new Rule(team[0], team[1]).threshold("gt", "1").dueAt(now).insert();
        AlertFixtures.ingest(team[0], List.of(Event.cost(team[1], now.minusSeconds(30), "3")));
        MetricsScrape before = scrape();

        AlertEvaluator.Result result = evaluator.evaluateDue(now.plusSeconds(5));
        monitor.refresh(now.plusSeconds(5));

        assertEquals(1, result.failed());
        assertEquals(1, result.evaluated());
        assertEquals("firing", AlertFixtures.state(fine));
        Map<String, Object> rule = Db.one("select * from alert_rule where alert_id = ?", broken);
        assertNull(rule.get("locked_until"), "a failed evaluation ends its lease");
        assertEquals(now.plusSeconds(60), ((Timestamp) rule.get("next_eval_at")).toInstant());
        MetricsScrape after = scrape();
        assertEquals(
                1,
                after.value("reports_alert_evaluation_errors_total")
                        - before.value("reports_alert_evaluation_errors_total"));
        assertEquals(
                1, after.value("reports_alert_evaluations_total") - before.value("reports_alert_evaluations_total"));
        assertEquals(
                1,
                after.value("reports_alert_events_total", Map.of("kind", "fired"))
                        - before.value("reports_alert_events_total", Map.of("kind", "fired")));
        assertEquals(1, after.value("reports_alerts_firing"));
        assertEquals(0, after.value("reports_alert_oldest_due_seconds"));

        // Ten minutes later nothing has evaluated them: both have waited since their next minute.
        monitor.refresh(now.plus(Duration.ofMinutes(10)).plusSeconds(5));
        assertEquals(545, scrape().value("reports_alert_oldest_due_seconds"), 0.001);
    }

    private static BigDecimal lastValue(String alertId) {
        return (BigDecimal) Db.one("select last_value from alert_rule where alert_id = ?", alertId)
                .get("last_value");
    }

    private static MetricsScrape scrape() {
        return new MetricsScrape(
                given().get("/q/metrics").then().statusCode(200).extract().asString());
    }
}
