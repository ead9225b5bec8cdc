package dev.gatewayreports.scheduling.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.gatewayreports.scheduling.alerts.AlertFixtures.Event;
import dev.gatewayreports.scheduling.alerts.AlertFixtures.Rule;
import dev.gatewayreports.scheduling.support.Seeds;
import dev.gatewayreports.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A cost spike fires once and resolves once however many evaluators run: three replicas with connections of
 * their own evaluate every minute at the same instants, twice each; and an evaluator whose lease was taken over
 * writes nothing.
 */
@QuarkusTest
class AlertExactlyOnceTest {
    static final Instant T0 = Instant.parse("2026-11-23T14:00:00Z");

    @Inject
    AlertRepository repository;

    @Inject
    AlertEvaluator evaluator;

    @BeforeEach
    void clear() {
        AlertFixtures.clearRules();
    }

    @Test
    void shouldFireOnceAndResolveOnceAcrossThreeConcurrentEvaluators() throws Exception {
        String[] team = Seeds.team("Spike");
        String alert = new Rule(team[0], team[1])
                .threshold("gt", "10")
                .notify(List.of("ops@example.com", "lead@example.com"), "http://127.0.0.1:9/hook")
                .dueAt(T0)
                .insert();
        AlertFixtures.ingest(
                team[0],
                List.of(
                        Event.cost(team[1], T0.minus(Duration.ofMinutes(90)), "50"), // before the first window
                        Event.cost(team[1], T0.minus(Duration.ofMinutes(5)), "6.5"),
                        Event.cost(team[1], T0.minus(Duration.ofMinutes(5)), "4.5"),
                        Event.cost(team[1], T0.minus(Duration.ofMinutes(2)), "0.25")));
        List<AlertEvaluator> replicas = List.of(Evaluators.replica(), Evaluators.replica(), Evaluators.replica());
        int ticks = 70;
        CyclicBarrier together = new CyclicBarrier(replicas.size());
        ExecutorService pool = Executors.newFixedThreadPool(replicas.size());
        List<Future<Integer>> runs = new ArrayList<>();
        for (AlertEvaluator replica : replicas) {
            runs.add(pool.submit(() -> {
                int evaluated = 0;
                for (int i = 0; i < ticks; i++) {
                    Instant now = T0.plus(Duration.ofMinutes(i)).plusMillis(150);
                    together.await(30, TimeUnit.SECONDS);
                    evaluated += replica.evaluateDue(now).evaluated();
                    evaluated += replica.evaluateDue(now).evaluated();
                }
                return evaluated;
            }));
        }
        int evaluated = 0;
        for (Future<Integer> run : runs) {
            evaluated += run.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();

        assertEquals(ticks, evaluated, "each minute is evaluated by exactly one replica");
        assertEquals(List.of("fired e1", "resolved e1"), AlertFixtures.events(alert));
        // The spike (11.25 USD) is in [now − 1 h, now) from the first tick until it leaves at T0 + 55 min.
        Map<String, Object> fired = Db.one("select * from alert_event where alert_id = ? and kind = 'fired'", alert);
        assertEquals(T0.plusMillis(150), ((Timestamp) fired.get("occurred_at")).toInstant());
        assertEquals(0, new java.math.BigDecimal("11.25").compareTo((java.math.BigDecimal) fired.get("value")));
        Map<String, Object> resolved =
                Db.one("select * from alert_event where alert_id = ? and kind = 'resolved'", alert);
        assertEquals(
                T0.plus(Duration.ofMinutes(55)).plusMillis(150), ((Timestamp) resolved.get("occurred_at")).toInstant());
        assertEquals(0, new java.math.BigDecimal("0.25").compareTo((java.math.BigDecimal) resolved.get("value")));
        for (Map<String, Object> event : List.of(fired, resolved)) {
            List<String> targets = Db.query(
                            "select channel || ' ' || target as t from alert_notification where event_id = ? order by 1",
                            event.get("event_id"))
                    .stream()
                    .map(r -> (String) r.get("t"))
                    .toList();
            assertEquals(
                    List.of("email lead@example.com", "email ops@example.com", "webhook http://127.0.0.1:9/hook"),
                    targets);
        }
        assertEquals(6, Db.count("select count(*) from alert_notification where alert_id = ?", alert));
        Map<String, Object> rule = Db.one("select * from alert_rule where alert_id = ?", alert);
        assertEquals("ok", rule.get("state"));
        assertEquals(1, rule.get("episode"));
        assertNull(rule.get("locked_until"));
        assertEquals(T0.plus(Duration.ofMinutes(ticks)), ((Timestamp) rule.get("next_eval_at")).toInstant());
    }

    @Test
    void shouldWriteNothingFromAnEvaluatorWhoseLeaseWasTakenOver() {
        String[] team = Seeds.team("Slow replica");
        String alert = new Rule(team[0], team[1])
                .threshold("gt", "10")
                .notify(List.of("ops@example.com"), null)
                .dueAt(T0)
                .insert();
        AlertFixtures.ingest(team[0], List.of(Event.cost(team[1], T0.minus(Duration.ofMinutes(5)), "12")));
        AlertRule stale = repository.claim(T0, T0.plus(Duration.ofMinutes(2)), 10).stream()
                .filter(r -> r.alertId().equals(alert))
                .findFirst()
                .orElseThrow();

        // Still leased: no other evaluator takes it.
        assertEquals(0, Evaluators.replica().evaluateDue(T0.plusSeconds(60)).evaluated());
        // The lease is over: another replica evaluates and fires.
        Instant later = T0.plus(Duration.ofMinutes(3));
        assertEquals(1, Evaluators.replica().evaluateDue(later).evaluated());
        assertEquals(List.of("fired e1"), AlertFixtures.events(alert));

        assertEquals(0, evaluator.evaluate(stale, T0), "the stale evaluation is refused");
        assertEquals(List.of("fired e1"), AlertFixtures.events(alert));
        assertEquals(1, Db.count("select count(*) from alert_notification where alert_id = ?", alert));
        Map<String, Object> rule = Db.one("select * from alert_rule where alert_id = ?", alert);
        assertEquals("firing", rule.get("state"));
        assertEquals(later, ((Timestamp) rule.get("last_evaluated_at")).toInstant());
        assertEquals(T0.plus(Duration.ofMinutes(4)), ((Timestamp) rule.get("next_eval_at")).toInstant());
    }

    @Test
    void shouldRefuseAStaleEvaluationEvenWhenTheStateIsUnchanged() {
        String[] team = Seeds.team("Quiet replica");
        String alert =
                new Rule(team[0], team[1]).threshold("gt", "10").dueAt(T0).insert();
        AlertRule stale = repository.claim(T0, T0.plus(Duration.ofMinutes(2)), 10).stream()
                .filter(r -> r.alertId().equals(alert))
                .findFirst()
                .orElseThrow();
        Instant later = T0.plus(Duration.ofMinutes(3));
        assertEquals(1, Evaluators.replica().evaluateDue(later).evaluated());
        AlertRule current = repository.claim(later, later.plus(Duration.ofMinutes(2)), 10).stream()
                .filter(r -> r.alertId().equals(alert))
                .findFirst()
                .orElse(null);
        assertNull(current, "evaluated at its minute, not due again before T0 + 4 min");

        // Same state and episode as when it was claimed: only the lease tells the stale evaluation apart.
        assertEquals(0, evaluator.evaluate(stale, T0));
        Map<String, Object> rule = Db.one("select * from alert_rule where alert_id = ?", alert);
        assertEquals("ok", rule.get("state"));
        assertEquals(later, ((Timestamp) rule.get("last_evaluated_at")).toInstant());
        assertEquals(T0.plus(Duration.ofMinutes(4)), ((Timestamp) rule.get("next_eval_at")).toInstant());
    }
}
