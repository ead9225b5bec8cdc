package dev.gatewayreports.scheduling.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.scheduling.alerts.AlertFixtures.Event;
import dev.gatewayreports.scheduling.alerts.AlertFixtures.Rule;
import dev.gatewayreports.scheduling.support.Seeds;
import dev.gatewayreports.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A monthly budget in New York over March 2027, whose 14th has 23 hours (clocks go forward at 2:00), and the start
 * of April: the 50/80/100% levels, the forecast and the firing happen on the evaluations an independent
 * computation in this test names, each once a month, and again the next month.
 */
@QuarkusTest
class BudgetForecastTest {
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final BigDecimal BUDGET = new BigDecimal("100");
    /** 1 March 2027, 00:00 EST. */
    static final Instant MARCH = Instant.parse("2027-03-01T05:00:00Z");
    /** 14 March 2027, 00:00 EST: a 23-hour local day. */
    static final Instant DST_DAY = Instant.parse("2027-03-14T05:00:00Z");
    /** 1 April 2027, 00:00 EDT. */
    static final Instant APRIL = Instant.parse("2027-04-01T04:00:00Z");

    @Inject
    AlertEvaluator evaluator;

    @BeforeEach
    void clear() {
        AlertFixtures.clearRules();
    }

    @Test
    void shouldNotifyLevelsAndForecastOnTheRightLocalDayOncePerMonth() {
        String[] team = Seeds.team("Budgeted");
        String alert = new Rule(team[0], team[1])
                .budget("America/New_York")
                .threshold("gt", "100")
                .notify(List.of("finance@example.com"), null)
                .dueAt(MARCH)
                .insert();
        // One event at half past every hour: 5 USD on the last day of February (not this month's), 0.10 until the
        // 14th, 0.958 from the 14th, 2 USD from April on. 0.958 puts the forecast just under the budget when
        // measured with the 14th's real 23 hours where a 24-hour day would cross it an hour earlier.
        List<Event> events = new ArrayList<>();
        hourly(events, team[1], MARCH.minus(Duration.ofDays(1)), MARCH, "5");
        hourly(events, team[1], MARCH, DST_DAY, "0.10");
        hourly(events, team[1], DST_DAY, APRIL, "0.958");
        hourly(events, team[1], APRIL, APRIL.plus(Duration.ofDays(4)), "2");
        AlertFixtures.ingest(team[0], events);

        // Evaluated every hour, and every 5 minutes through the 14th.
        List<Instant> evaluations = new ArrayList<>();
        for (Instant t = MARCH; t.isBefore(APRIL.plus(Duration.ofDays(3))); t = t.plus(Duration.ofHours(1))) {
            evaluations.add(t);
        }
        for (Instant t = DST_DAY; t.isBefore(DST_DAY.plus(Duration.ofHours(23))); t = t.plus(Duration.ofMinutes(5))) {
            if (t.getEpochSecond() % 3600 != 0) {
                evaluations.add(t);
            }
        }
        evaluations.sort(null);
        for (Instant t : evaluations) {
            evaluator.evaluateDue(t);
        }

        Map<String, Instant> expected = expectedEvents(events, evaluations, false);
        Map<String, Instant> actual = new TreeMap<>();
        for (Map<String, Object> row :
                Db.query("select kind, episode_key, occurred_at from alert_event where alert_id = ?", alert)) {
            actual.put(
                    row.get("kind") + " " + row.get("episode_key"), ((Timestamp) row.get("occurred_at")).toInstant());
        }
        assertEquals(expected, actual);
        assertEquals(
                List.of(
                        "budget_100 2027-03",
                        "budget_100 2027-04",
                        "budget_50 2027-03",
                        "budget_50 2027-04",
                        "budget_80 2027-03",
                        "budget_80 2027-04",
                        "fired e1",
                        "fired e2",
                        "forecast 2027-03",
                        "forecast 2027-04",
                        "resolved e1"),
                List.copyOf(actual.keySet()));
        // The forecast crosses on the 23-hour day itself, at 14:35 EDT; a 24-hour 14th would have said 13:35.
        assertEquals(Instant.parse("2027-03-14T18:35:00Z"), actual.get("forecast 2027-03"));
        assertNotEquals(
                actual.get("forecast 2027-03"),
                expectedEvents(events, evaluations, true).get("forecast 2027-03"));
        assertEquals(LocalDate.of(2027, 3, 14), local(actual.get("budget_50 2027-03")));
        assertEquals(LocalDate.of(2027, 3, 16), local(actual.get("budget_80 2027-03")));
        assertEquals(LocalDate.of(2027, 3, 17), local(actual.get("budget_100 2027-03")));
        // April: the resolution at the month's first evaluation, the forecast once a whole local day has passed.
        assertEquals(APRIL, actual.get("resolved e1"));
        assertEquals(APRIL.plus(Duration.ofDays(1)), actual.get("forecast 2027-04"));
        // One e-mail per event.
        assertEquals(11, Db.count("select count(*) from alert_notification where alert_id = ?", alert));
        Map<String, Object> forecast = Db.one(
                "select forecast, value from alert_event where alert_id = ? and kind = 'forecast' and episode_key = '2027-03'",
                alert);
        BigDecimal f = (BigDecimal) forecast.get("forecast");
        assertTrue(f.compareTo(BUDGET) > 0 && f.compareTo(new BigDecimal("102")) < 0, "forecast " + f);
    }

    private static void hourly(List<Event> events, String team, Instant from, Instant to, String usd) {
        for (Instant t = from.plus(Duration.ofMinutes(30)); t.isBefore(to); t = t.plus(Duration.ofHours(1))) {
            events.add(Event.cost(team, t, usd));
        }
    }

    private static LocalDate local(Instant t) {
        return t.atZone(NEW_YORK).toLocalDate();
    }

    /**
     * The first evaluation of each event, computed here from the events themselves: month-to-date sums, the
     * forecast with elapsed days added up day by day (each local day's share by its own length, or 24 hours with
     * {@code naiveDays}), a forecast only after one whole local day, and the firing with its 10% hysteresis.
     */
    private static Map<String, Instant> expectedEvents(
            List<Event> events, List<Instant> evaluations, boolean naiveDays) {
        Map<String, Instant> first = new TreeMap<>();
        boolean firing = false;
        int episode = 0;
        for (Instant t : evaluations) {
            ZonedDateTime local = t.atZone(NEW_YORK);
            YearMonth month = YearMonth.from(local);
            Instant monthStart = ZonedDateTime.of(
                            LocalDateTime.of(month.atDay(1), java.time.LocalTime.MIDNIGHT), NEW_YORK)
                    .toInstant();
            BigDecimal value = BigDecimal.ZERO;
            for (Event e : events) {
                if (!e.at().isBefore(monthStart) && e.at().isBefore(t)) {
                    value = value.add(e.costUsd());
                }
            }
            BigDecimal elapsed = BigDecimal.ZERO;
            for (int day = 1; day <= local.getDayOfMonth(); day++) {
                Instant dayStart = month.atDay(day).atStartOfDay(NEW_YORK).toInstant();
                long length = naiveDays
                        ? 86_400
                        : Duration.between(
                                        dayStart,
                                        month.atDay(day)
                                                .plusDays(1)
                                                .atStartOfDay(NEW_YORK)
                                                .toInstant())
                                .toSeconds();
                long passed = Math.min(
                        length, Math.max(0, Duration.between(dayStart, t).toSeconds()));
                elapsed = elapsed.add(
                        BigDecimal.valueOf(passed).divide(BigDecimal.valueOf(length), MathContext.DECIMAL128));
            }
            String key = month.toString();
            if (elapsed.compareTo(BigDecimal.ONE) >= 0
                    && value.multiply(BigDecimal.valueOf(month.lengthOfMonth()))
                                    .divide(elapsed, MathContext.DECIMAL128)
                                    .compareTo(BUDGET)
                            > 0) {
                first.putIfAbsent("forecast " + key, t);
            }
            for (int level : new int[] {50, 80, 100}) {
                if (value.multiply(BigDecimal.valueOf(100)).compareTo(BUDGET.multiply(BigDecimal.valueOf(level)))
                        >= 0) {
                    first.putIfAbsent("budget_" + level + " " + key, t);
                }
            }
            if (!firing && value.compareTo(BUDGET) > 0) {
                firing = true;
                episode++;
                first.put("fired e" + episode, t);
            } else if (firing && value.compareTo(new BigDecimal("90")) < 0) {
                firing = false;
                first.put("resolved e" + episode, t);
            }
        }
        return first;
    }
}
