package dev.gatewayreports.model.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected instants are written out by hand from the published tz rules, not computed by the same code. */
class ScheduleRuleTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void shouldRunDailyAtLocalTimeAcrossTheSpringForwardInNewYork() {
        ScheduleRule rule = new ScheduleRule(Frequency.DAILY, LocalTime.of(9, 0), null, NEW_YORK);
        // 2026-03-08: clocks go 02:00 EST -> 03:00 EDT. 09:00 is -05:00 before, -04:00 after.
        assertEquals(
                List.of(
                        Instant.parse("2026-03-07T14:00:00Z"),
                        Instant.parse("2026-03-08T13:00:00Z"),
                        Instant.parse("2026-03-09T13:00:00Z")),
                slots(rule, Instant.parse("2026-03-07T00:00:00Z"), 3));
    }

    @Test
    void shouldRunASkippedLocalTimeAtTheTransition() {
        ScheduleRule rule = new ScheduleRule(Frequency.DAILY, LocalTime.of(2, 30), null, NEW_YORK);
        // 02:30 does not exist on 2026-03-08; the first valid instant after it is 03:00 EDT = 07:00Z.
        assertEquals(
                List.of(
                        Instant.parse("2026-03-07T07:30:00Z"),
                        Instant.parse("2026-03-08T07:00:00Z"),
                        Instant.parse("2026-03-09T06:30:00Z")),
                slots(rule, Instant.parse("2026-03-07T00:00:00Z"), 3));
    }

    @Test
    void shouldRunARepeatedLocalTimeOnceAtItsFirstOccurrence() {
        ScheduleRule rule = new ScheduleRule(Frequency.DAILY, LocalTime.of(1, 30), null, NEW_YORK);
        // 2026-11-01: 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST); only the first is a slot.
        assertEquals(
                List.of(
                        Instant.parse("2026-10-31T05:30:00Z"),
                        Instant.parse("2026-11-01T05:30:00Z"),
                        Instant.parse("2026-11-02T06:30:00Z")),
                slots(rule, Instant.parse("2026-10-31T00:00:00Z"), 3));
        // Asking right after the first occurrence does not give the second one.
        assertEquals(Instant.parse("2026-11-02T06:30:00Z"), rule.nextAfter(Instant.parse("2026-11-01T05:30:00Z")));
    }

    @Test
    void shouldHandleBerlinTransitionsAtTwoAndThree() {
        ScheduleRule skipped = new ScheduleRule(Frequency.DAILY, LocalTime.of(2, 15), null, BERLIN);
        // 2026-03-29: 02:00 CET -> 03:00 CEST at 01:00Z.
        assertEquals(Instant.parse("2026-03-29T01:00:00Z"), skipped.nextAfter(Instant.parse("2026-03-28T12:00:00Z")));
        ScheduleRule repeated = new ScheduleRule(Frequency.DAILY, LocalTime.of(2, 15), null, BERLIN);
        // 2026-10-25: 02:15 happens at 00:15Z (CEST) and 01:15Z (CET).
        assertEquals(Instant.parse("2026-10-25T00:15:00Z"), repeated.nextAfter(Instant.parse("2026-10-24T12:00:00Z")));
        assertEquals(Instant.parse("2026-10-26T01:15:00Z"), repeated.nextAfter(Instant.parse("2026-10-25T00:15:00Z")));
    }

    @Test
    void shouldRunWeeklyOnTheSundayBasedDay() {
        // 0 = Sunday. 2026-11-29 is a Sunday.
        ScheduleRule sunday = new ScheduleRule(Frequency.WEEKLY, LocalTime.of(8, 0), 0, BERLIN);
        assertEquals(Instant.parse("2026-11-29T07:00:00Z"), sunday.nextAfter(Instant.parse("2026-11-23T00:00:00Z")));
        ScheduleRule saturday = new ScheduleRule(Frequency.WEEKLY, LocalTime.of(8, 0), 6, BERLIN);
        assertEquals(Instant.parse("2026-11-28T07:00:00Z"), saturday.nextAfter(Instant.parse("2026-11-23T00:00:00Z")));
        ScheduleRule monday = new ScheduleRule(Frequency.WEEKLY, LocalTime.of(9, 0), 1, NEW_YORK);
        assertEquals(
                List.of(Instant.parse("2026-03-02T14:00:00Z"), Instant.parse("2026-03-09T13:00:00Z")),
                slots(monday, Instant.parse("2026-03-01T00:00:00Z"), 2));
    }

    @Test
    void shouldRunDay31OnTheLastDayOfShorterMonths() {
        ScheduleRule rule = new ScheduleRule(Frequency.MONTHLY, LocalTime.of(6, 0), 31, NEW_YORK);
        assertEquals(
                List.of(
                        Instant.parse("2027-01-31T11:00:00Z"),
                        Instant.parse("2027-02-28T11:00:00Z"),
                        Instant.parse("2027-03-31T10:00:00Z"),
                        Instant.parse("2027-04-30T10:00:00Z")),
                slots(rule, Instant.parse("2027-01-01T00:00:00Z"), 4));
        ScheduleRule leap = new ScheduleRule(Frequency.MONTHLY, LocalTime.of(6, 0), 30, BERLIN);
        assertEquals(Instant.parse("2028-02-29T05:00:00Z"), leap.nextAfter(Instant.parse("2028-02-01T00:00:00Z")));
    }

    @Test
    void shouldGiveOneSlotAfterDowntimeNotOnePerMissedSlot() {
        ScheduleRule rule = new ScheduleRule(Frequency.DAILY, LocalTime.of(9, 0), null, BERLIN);
        // Down for three days: the next slot after "now" is the only one.
        Instant now = Instant.parse("2026-11-29T10:00:00Z");
        assertEquals(Instant.parse("2026-11-30T08:00:00Z"), rule.nextAfter(now));
    }

    @Test
    void shouldFindTheNewestSlotAtOrBeforeAnInstant() {
        ScheduleRule daily = new ScheduleRule(Frequency.DAILY, LocalTime.of(9, 0), null, BERLIN);
        assertEquals(
                Instant.parse("2026-11-29T08:00:00Z"), daily.latestAtOrBefore(Instant.parse("2026-11-29T10:00:00Z")));
        assertEquals(
                Instant.parse("2026-11-29T08:00:00Z"), daily.latestAtOrBefore(Instant.parse("2026-11-29T08:00:00Z")));
        assertEquals(
                Instant.parse("2026-11-28T08:00:00Z"), daily.latestAtOrBefore(Instant.parse("2026-11-29T07:59:59Z")));
        ScheduleRule monthly = new ScheduleRule(Frequency.MONTHLY, LocalTime.of(2, 30), 31, NEW_YORK);
        // Day 31 in a 30-day month; in March 2026 the 31st at 02:30 EDT is 06:30Z.
        assertEquals(
                Instant.parse("2026-04-30T06:30:00Z"), monthly.latestAtOrBefore(Instant.parse("2026-05-15T00:00:00Z")));
        ScheduleRule gap = new ScheduleRule(Frequency.DAILY, LocalTime.of(2, 30), null, NEW_YORK);
        assertEquals(
                Instant.parse("2026-03-08T07:00:00Z"), gap.latestAtOrBefore(Instant.parse("2026-03-08T12:00:00Z")));
    }

    @Test
    void shouldRejectDaysOutOfRange() {
        assertThrows(
                IllegalArgumentException.class, () -> new ScheduleRule(Frequency.WEEKLY, LocalTime.NOON, 7, BERLIN));
        assertThrows(
                IllegalArgumentException.class, () -> new ScheduleRule(Frequency.MONTHLY, LocalTime.NOON, 0, BERLIN));
        assertTrue(new ScheduleRule(Frequency.MONTHLY, LocalTime.NOON, 31, BERLIN).runsOn(LocalDate.of(2026, 2, 28)));
        assertFalse(new ScheduleRule(Frequency.MONTHLY, LocalTime.NOON, 31, BERLIN).runsOn(LocalDate.of(2026, 3, 30)));
    }

    @Test
    void shouldFixTheReportWindowToWholeLocalDaysBeforeTheSlot() {
        ReportWindow window = ReportWindow.endingBefore(Instant.parse("2026-03-09T13:00:00Z"), 7, NEW_YORK);
        assertEquals(Instant.parse("2026-03-02T05:00:00Z"), window.start());
        assertEquals(Instant.parse("2026-03-09T04:00:00Z"), window.end());
    }

    @Test
    void shouldValidateRecipients() {
        assertTrue(Recipients.listProblem(List.of("team@example.com", "a.b+c@sub.example.org"))
                .isEmpty());
        assertTrue(Recipients.problem("x@example.com\r\nBcc: evil@example.com").isPresent());
        assertTrue(Recipients.problem("Name <x@example.com>").isPresent());
        assertTrue(Recipients.problem("x@localhost").isPresent());
        assertTrue(Recipients.listProblem(List.of()).isPresent());
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            many.add("u" + i + "@example.com");
        }
        assertTrue(Recipients.listProblem(many).isPresent());
        assertEquals(List.of("A@example.com"), Recipients.distinct(List.of("A@example.com", "a@EXAMPLE.com")));
    }

    private static List<Instant> slots(ScheduleRule rule, Instant from, int count) {
        List<Instant> slots = new ArrayList<>();
        Instant at = from;
        for (int i = 0; i < count; i++) {
            at = rule.nextAfter(at);
            slots.add(at);
        }
        return slots;
    }
}
