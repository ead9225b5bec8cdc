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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The state machine on real evaluations: hysteresis against flapping, for_minutes, and no value, no change. */
@QuarkusTest
class AlertStateTest {
    static final Instant T0 = Instant.parse("2026-11-23T14:00:00Z");

    @Inject
    AlertEvaluator evaluator;

    @BeforeEach
    void clear() {
        AlertFixtures.clearRules();
    }

    /** Evaluations 61 minutes apart see disjoint last-hour windows, so each can be given the value it needs. */
    static Instant hourly(int i) {
        return T0.plus(Duration.ofMinutes(61L * i));
    }

    @Test
    void shouldNotFlapWhileTheValueOscillatesInsideTheHysteresisBand() {
        String[] team = Seeds.team("Oscillating");
        // gt 10 with 20%: fires above 10, resolves only below 8.
        String alert = new Rule(team[0], team[1])
                .threshold("gt", "10")
                .hysteresis("20")
                .dueAt(T0)
                .insert();
        List<String> values = List.of("11", "9", "11", "8.5", "10.5", "9.99", "12", "8", "7.99", "10", "10.01");
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            events.add(Event.cost(team[1], hourly(i).minus(Duration.ofMinutes(30)), values.get(i)));
        }
        AlertFixtures.ingest(team[0], events);

        List<String> states = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            evaluator.evaluateDue(hourly(i));
            Map<String, Object> rule = Db.one("select state, last_value from alert_rule where alert_id = ?", alert);
            assertEquals(0, new java.math.BigDecimal(values.get(i)).compareTo((java.math.BigDecimal)
                            rule.get("last_value")));
            states.add((String) rule.get("state"));
        }

        List<String> expected = new ArrayList<>(Collections.nCopies(8, "firing"));
        expected.addAll(List.of("ok", "ok", "firing"));
        assertEquals(expected, states);
        assertEquals(List.of("fired e1", "resolved e1", "fired e2"), AlertFixtures.events(alert));
        assertEquals(
                List.of(hourly(0), hourly(8), hourly(10)),
                Db.query("select occurred_at from alert_event where alert_id = ? order by occurred_at", alert).stream()
                        .map(r -> ((Timestamp) r.get("occurred_at")).toInstant())
                        .toList());
    }

    @Test
    void shouldResolveALessThanRuleOnlyAboveTheBand() {
        String[] team = Seeds.team("Quiet");
        // lt 5 requests with 20%: fires below 5, resolves only above 6.
        String alert = new Rule(team[0], team[1])
                .measure("requests", "last_hour")
                .threshold("lt", "5")
                .hysteresis("20")
                .dueAt(T0)
                .insert();
        int[] counts = {4, 6, 5, 7, 3};
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            for (int n = 0; n < counts[i]; n++) {
                events.add(Event.call(team[1], hourly(i).minus(Duration.ofMinutes(20 + n)), false, 50));
            }
        }
        AlertFixtures.ingest(team[0], events);

        List<String> states = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            evaluator.evaluateDue(hourly(i));
            states.add(AlertFixtures.state(alert));
        }

        assertEquals(List.of("firing", "firing", "firing", "ok", "firing"), states);
        assertEquals(List.of("fired e1", "resolved e1", "fired e2"), AlertFixtures.events(alert));
    }

    @Test
    void shouldFireOnlyAfterForMinutesOfConsecutiveTrueEvaluations() {
        String[] team = Seeds.team("Sustained");
        String alert = new Rule(team[0], team[1])
                .measure("requests", "last_hour")
                .threshold("gt", "10")
                .forMinutes(3)
                .dueAt(T0)
                .insert();
        // Requests in [t − 1 h, t) at t = T0 + i min: 16, 16, 5, then 11 from i = 3 on.
        List<Event> events = new ArrayList<>();
        for (int n = 0; n < 11; n++) {
            events.add(Event.call(team[1], T0.minus(Duration.ofSeconds(58 * 60 + 30)), false, 50));
            events.add(Event.call(team[1], T0.plus(Duration.ofSeconds(150)), false, 50));
        }
        for (int n = 0; n < 5; n++) {
            events.add(Event.call(team[1], T0.minus(Duration.ofSeconds(57 * 60 + 30)), false, 50));
        }
        AlertFixtures.ingest(team[0], events);

        List<String> states = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        for (int i = 0; i <= 8; i++) {
            evaluator.evaluateDue(T0.plus(Duration.ofMinutes(i)));
            Map<String, Object> rule = Db.one("select * from alert_rule where alert_id = ?", alert);
            states.add((String) rule.get("state"));
            values.add(((java.math.BigDecimal) rule.get("last_value")).longValueExact());
            if (i == 5) {
                assertEquals(T0.plus(Duration.ofMinutes(3)), ((Timestamp) rule.get("state_since")).toInstant());
                assertEquals(List.of(), AlertFixtures.events(alert), "pending never notifies");
            }
        }

        assertEquals(List.of(16L, 16L, 5L, 11L, 11L, 11L, 11L, 11L, 11L), values);
        assertEquals(
                List.of("pending", "pending", "ok", "pending", "pending", "pending", "firing", "firing", "firing"),
                states);
        assertEquals(List.of("fired e1"), AlertFixtures.events(alert));
        assertEquals(
                T0.plus(Duration.ofMinutes(6)),
                ((Timestamp) Db.one("select occurred_at from alert_event where alert_id = ?", alert)
                                .get("occurred_at"))
                        .toInstant());
    }

    @Test
    void shouldKeepItsStateWhenThereIsNoValue() {
        String[] team = Seeds.team("Errors");
        String alert = new Rule(team[0], team[1])
                .measure("error_rate", "last_hour")
                .threshold("gt", "50")
                .dueAt(T0)
                .insert();
        String latency = new Rule(team[0], team[1])
                .measure("p95_latency_ms", "last_hour")
                .threshold("lt", "1000")
                .dueAt(T0)
                .insert();
        AlertFixtures.ingest(
                team[0],
                List.of(
                        Event.call(team[1], T0.minus(Duration.ofMinutes(30)), true, 200),
                        Event.call(team[1], T0.minus(Duration.ofMinutes(29)), true, 300),
                        Event.call(team[1], T0.minus(Duration.ofMinutes(28)), false, 400)));

        evaluator.evaluateDue(T0);
        assertEquals("firing", AlertFixtures.state(alert));
        assertEquals("firing", AlertFixtures.state(latency));

        // An hour without requests: no error rate, no p95; neither resolves on no data.
        evaluator.evaluateDue(hourly(1));
        for (String id : List.of(alert, latency)) {
            Map<String, Object> rule = Db.one("select * from alert_rule where alert_id = ?", id);
            assertEquals("firing", rule.get("state"));
            assertNull(rule.get("last_value"));
            assertEquals(hourly(1), ((Timestamp) rule.get("last_evaluated_at")).toInstant());
            assertEquals(List.of("fired e1"), AlertFixtures.events(id));
        }
    }
}
