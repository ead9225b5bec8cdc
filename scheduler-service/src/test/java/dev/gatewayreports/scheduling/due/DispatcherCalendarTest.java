package dev.gatewayreports.scheduling.due;

import static dev.gatewayreports.scheduling.due.DispatcherTest.instant;
import static dev.gatewayreports.scheduling.due.DispatcherTest.nextRunAt;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.gatewayreports.scheduling.support.GreenMailResource;
import dev.gatewayreports.scheduling.support.Mails;
import dev.gatewayreports.scheduling.support.Seeds;
import dev.gatewayreports.scheduling.support.Stubs;
import dev.gatewayreports.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Daylight-saving and short-month schedules through the dispatcher: where next_run_at moves after each run, and
 * which period each delivery covers. The instants are written out by hand.
 */
@QuarkusTest
class DispatcherCalendarTest {
    @Inject
    Dispatcher dispatcher;

    @OidcWireMock
    WireMockServer wireMock;

    String address;

    @BeforeEach
    void setUp() {
        Seeds.clearSchedules();
        GreenMailResource.startServer();
        Stubs.reportApi(wireMock);
        address = Seeds.id("cal") + "@example.com";
    }

    @Test
    void shouldRunAWeeklyNewYorkScheduleInTheSpringForwardGapAtTheTransition() {
        // Sundays at 02:30; on 2026-03-08 New York skips 02:00-03:00.
        String schedule = schedule("weekly", LocalTime.of(2, 30), 0, "America/New_York", 7, "2026-03-01T07:30:00Z");

        run(schedule, "2026-03-01T07:30:00Z", "2026-02-22T05:00:00Z", "2026-03-01T05:00:00Z", "2026-03-08T07:00:00Z");
        run(schedule, "2026-03-08T07:00:00Z", "2026-03-01T05:00:00Z", "2026-03-08T05:00:00Z", "2026-03-15T06:30:00Z");

        assertEquals(2, Mails.to(address).size());
    }

    @Test
    void shouldRunADailyNewYorkScheduleOnceInTheFallBackOverlap() {
        // Daily at 01:30; on 2026-11-01 New York has 01:30 twice (EDT, then EST).
        String schedule = schedule("daily", LocalTime.of(1, 30), null, "America/New_York", 1, "2026-10-31T05:30:00Z");

        run(schedule, "2026-10-31T05:30:00Z", "2026-10-30T04:00:00Z", "2026-10-31T04:00:00Z", "2026-11-01T05:30:00Z");
        run(schedule, "2026-11-01T05:30:00Z", "2026-10-31T04:00:00Z", "2026-11-01T04:00:00Z", "2026-11-02T06:30:00Z");
        assertEquals(
                0, dispatcher.dispatchDue(Instant.parse("2026-11-01T06:30:00Z")).materialised());
        // The 25-hour local day of 1 November.
        run(schedule, "2026-11-02T06:30:00Z", "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z", "2026-11-03T06:30:00Z");

        assertEquals(3, Mails.to(address).size());
    }

    @Test
    void shouldRunAMonthlyBerlinScheduleForDay31OnTheLastDayOfShortMonths() {
        // The 31st at 09:00 Berlin: 28 February 2027, then 31 March in summer time (CEST from 28 March).
        String schedule = schedule("monthly", LocalTime.of(9, 0), 31, "Europe/Berlin", 30, "2027-01-31T08:00:00Z");

        run(schedule, "2027-01-31T08:00:00Z", "2026-12-31T23:00:00Z", "2027-01-30T23:00:00Z", "2027-02-28T08:00:00Z");
        run(schedule, "2027-02-28T08:00:00Z", "2027-01-28T23:00:00Z", "2027-02-27T23:00:00Z", "2027-03-31T07:00:00Z");
        run(schedule, "2027-03-31T07:00:00Z", "2027-02-28T23:00:00Z", "2027-03-30T22:00:00Z", "2027-04-30T07:00:00Z");

        assertEquals(
                "Monthly usage report for Calendar: 2027-01-29 – 2027-02-27",
                subjects().get(1));
    }

    @Test
    void shouldRunADailyBerlinScheduleInTheSpringForwardGapAtTheTransition() {
        // Daily at 02:30 Berlin; on 2027-03-28 Berlin skips 02:00-03:00.
        String schedule = schedule("daily", LocalTime.of(2, 30), null, "Europe/Berlin", 1, "2027-03-27T01:30:00Z");

        run(schedule, "2027-03-27T01:30:00Z", "2027-03-25T23:00:00Z", "2027-03-26T23:00:00Z", "2027-03-28T01:00:00Z");
        run(schedule, "2027-03-28T01:00:00Z", "2027-03-26T23:00:00Z", "2027-03-27T23:00:00Z", "2027-03-29T00:30:00Z");
    }

    /** Dispatches at {@code now}: one delivery of that slot with that period, and the schedule moved to next. */
    private void run(String schedule, String now, String periodStart, String periodEnd, String next) {
        Instant at = Instant.parse(now);
        DispatchResult result = dispatcher.dispatchDue(at);
        assertEquals(new DispatchResult(1, 1, 0, 0), result, "dispatch at " + now);
        Map<String, Object> d =
                Db.one("select * from report_delivery where schedule_id = ? and scheduled_for = ?", schedule, at);
        assertEquals("sent", d.get("status"));
        assertEquals(Instant.parse(periodStart), instant(d.get("period_start")), "period start at " + now);
        assertEquals(Instant.parse(periodEnd), instant(d.get("period_end")), "period end at " + now);
        assertEquals(Instant.parse(next), nextRunAt(schedule), "next run after " + now);
    }

    private String schedule(String frequency, LocalTime time, Integer day, String zone, int days, String next) {
        return Seeds.schedule(
                Seeds.team("Calendar"),
                frequency,
                time,
                day,
                zone,
                days,
                List.of(address),
                "none",
                Instant.parse(next));
    }

    private List<String> subjects() {
        return Mails.to(address).stream()
                .map(m -> {
                    try {
                        return m.getSubject();
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }
}
