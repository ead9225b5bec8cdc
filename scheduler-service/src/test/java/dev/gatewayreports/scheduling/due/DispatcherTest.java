package dev.gatewayreports.scheduling.due;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.gatewayreports.scheduling.support.GreenMailResource;
import dev.gatewayreports.scheduling.support.Mails;
import dev.gatewayreports.scheduling.support.SampleReport;
import dev.gatewayreports.scheduling.support.Seeds;
import dev.gatewayreports.scheduling.support.Stubs;
import dev.gatewayreports.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Dispatch through real PostgreSQL and real SMTP (GreenMail); report-api is a WireMock stub here. */
@QuarkusTest
class DispatcherTest {
    /** Monday 23 November 2026, 09:00 in New York. */
    static final Instant MONDAY_9AM_NY = Instant.parse("2026-11-23T14:00:00Z");

    @Inject
    Dispatcher dispatcher;

    @Inject
    DueRepository repository;

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

    @Test
    void shouldSendADueScheduleToEveryRecipientWithSubjectPartsAndAttachment() throws Exception {
        String[] team = Seeds.team("Platform team");
        List<String> to = List.of(Seeds.id("ann") + "@example.com", Seeds.id("bob") + "@example.org");
        String schedule = weeklyMonday(team, to, "xlsx", MONDAY_9AM_NY);

        DispatchResult result = dispatcher.dispatchDue(MONDAY_9AM_NY.plusSeconds(20));

        assertEquals(new DispatchResult(1, 1, 0, 0), result);
        for (String address : to) {
            List<MimeMessage> received = Mails.to(address);
            assertEquals(1, received.size());
            MimeMessage m = received.get(0);
            assertEquals("Weekly usage report for Platform team: 2026-11-16 – 2026-11-22", m.getSubject());
            assertEquals("reports@gateway-reports.local", m.getFrom()[0].toString());
            Mails.Parsed parts = Mails.parse(m);
            for (String shown : List.of("1,234", "▲ 12.2%", "▼ 24.2%", "claude-sonnet-4-5", "America/New_York")) {
                assertThat(parts.html(), containsString(shown));
            }
            for (String banned : List.of("<script", "<svg", "<img")) {
                assertThat(parts.html(), not(containsString(banned)));
            }
            assertThat(parts.text(), containsString("Requests: 1,234 / 1,100 / ▲ 12.2%"));
            assertThat(parts.text(), containsString("Monday 16 November 2026"));
            for (String banned : List.of("http://", "https://", "<")) {
                assertThat(parts.text(), not(containsString(banned)));
            }
            assertEquals("usage_report_2026-11-16.xlsx", parts.attachmentName());
            assertThat(parts.attachmentType(), startsWith(Stubs.XLSX_TYPE));
            try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(parts.attachment()))) {
                assertEquals(
                        1234, workbook.getSheet("Summary").getRow(0).getCell(1).getNumericCellValue());
            }
        }
        Map<String, Object> delivery = Db.one("select * from report_delivery where schedule_id = ?", schedule);
        assertEquals("sent", delivery.get("status"));
        assertEquals(1, delivery.get("attempts"));
        assertEquals("rpt_sample0001", delivery.get("report_id"));
        assertNull(delivery.get("locked_until"));
        assertEquals(Instant.parse("2026-11-16T05:00:00Z"), instant(delivery.get("period_start")));
        assertEquals(Instant.parse("2026-11-23T05:00:00Z"), instant(delivery.get("period_end")));
        assertEquals(Instant.parse("2026-11-30T14:00:00Z"), nextRunAt(schedule));
    }

    @Test
    void shouldSendOnceTitledWithTheTeamOfItsOwnOrganizationWhenAnotherHasATeamOfTheSameId() throws Exception {
        String[] team = Seeds.team("Platform team");
        String other = Seeds.id("org");
        Db.execute("insert into organization (org_id, name) values (?, ?)", other, "Other");
        Db.execute(
                "insert into team (org_id, team_id, name, registered_by) values (?, ?, 'Someone else''s team', 'admin')",
                other,
                team[1]);
        String address = Seeds.id("own") + "@example.com";
        Seeds.adHoc(
                team,
                List.of(address),
                "none",
                Instant.parse("2026-11-16T05:00:00Z"),
                Instant.parse("2026-11-23T05:00:00Z"),
                MONDAY_9AM_NY);

        // Claimed once, with its own organization's team (the other organization's team of that id is not joined).
        List<ClaimedDelivery> claimed = repository.claim(MONDAY_9AM_NY, MONDAY_9AM_NY.plusSeconds(300), 10);
        assertEquals(1, claimed.size());
        assertEquals("Platform team", claimed.get(0).request().teamName());
        Db.execute("update report_delivery set status = 'pending', locked_until = null, attempts = 0");

        assertEquals(new DispatchResult(0, 1, 0, 0), dispatcher.dispatchDue(MONDAY_9AM_NY));
        List<MimeMessage> received = Mails.to(address);
        assertEquals(1, received.size());
        assertThat(received.get(0).getSubject(), startsWith("Usage report for Platform team: "));
    }

    @Test
    void shouldSendOnceWhenDispatchedTwiceForTheSameInstant() {
        String[] team = Seeds.team("Twice");
        String address = Seeds.id("twice") + "@example.com";
        weeklyMonday(team, List.of(address), "csv", MONDAY_9AM_NY);

        dispatcher.dispatchDue(MONDAY_9AM_NY);
        DispatchResult again = dispatcher.dispatchDue(MONDAY_9AM_NY);

        assertEquals(new DispatchResult(0, 0, 0, 0), again);
        assertEquals(1, Mails.to(address).size());
    }

    @Test
    void shouldSendEachRunOnceWithTwoDispatchersOverOneDatabase() throws Exception {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String address = Seeds.id("many" + i) + "@example.com";
            addresses.add(address);
            weeklyMonday(Seeds.team("Team " + i), List.of(address), i % 2 == 0 ? "csv" : "none", MONDAY_9AM_NY);
        }
        CountDownLatch start = new CountDownLatch(1);
        Callable<DispatchResult> replica = () -> {
            start.await();
            return dispatcher.dispatchDue(MONDAY_9AM_NY.plusSeconds(1));
        };
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<DispatchResult>> runs =
                    List.of(pool.submit(replica), pool.submit(replica), pool.submit(replica));
            start.countDown();
            int sent = 0;
            int made = 0;
            for (Future<DispatchResult> run : runs) {
                sent += run.get().sent();
                made += run.get().materialised();
            }
            // An SMTP hiccup (GreenMail answers 421 on a connection it is closing) is retried, never sent twice.
            sent += dispatcher
                    .dispatchDue(MONDAY_9AM_NY.plus(Duration.ofMinutes(1)))
                    .sent();
            assertEquals(30, made);
            assertEquals(30, sent);
        } finally {
            pool.shutdownNow();
        }
        for (String address : addresses) {
            assertEquals(1, Mails.to(address).size(), address);
        }
        assertEquals(
                30L,
                Db.one("select count(*) as n from report_delivery where status = 'sent'")
                        .get("n"));
    }

    @Test
    void shouldSendAMissedRunOnceAfterDowntime() {
        String[] team = Seeds.team("Downtime");
        String address = Seeds.id("late") + "@example.com";
        String schedule = Seeds.schedule(
                team,
                "daily",
                LocalTime.of(9, 0),
                null,
                "UTC",
                1,
                List.of(address),
                "none",
                Instant.parse("2026-11-20T09:00:00Z"));

        Instant now = Instant.parse("2026-11-23T10:30:00Z"); // three slots later
        DispatchResult result = dispatcher.dispatchDue(now);

        assertEquals(1, result.materialised());
        assertEquals(1, Mails.to(address).size());
        assertEquals(Instant.parse("2026-11-24T09:00:00Z"), nextRunAt(schedule));
        assertEquals(
                1,
                Db.query("select 1 from report_delivery where schedule_id = ?", schedule)
                        .size());
        // The one mail is the newest missed slot's: yesterday's report, not the one of three days ago.
        Map<String, Object> sent = Db.one(
                "select scheduled_for, period_start, period_end from report_delivery where schedule_id = ?", schedule);
        assertEquals(
                Instant.parse("2026-11-23T09:00:00Z"), ((java.sql.Timestamp) sent.get("scheduled_for")).toInstant());
        assertEquals(
                Instant.parse("2026-11-22T00:00:00Z"), ((java.sql.Timestamp) sent.get("period_start")).toInstant());
        assertEquals(Instant.parse("2026-11-23T00:00:00Z"), ((java.sql.Timestamp) sent.get("period_end")).toInstant());
    }

    @Test
    void shouldRetryAnSmtpOutageAndSendWhenItIsBack() {
        String[] team = Seeds.team("Outage");
        String address = Seeds.id("wait") + "@example.com";
        String schedule = weeklyMonday(team, List.of(address), "csv", MONDAY_9AM_NY);

        GreenMailResource.stopServer();
        DispatchResult down = dispatcher.dispatchDue(MONDAY_9AM_NY);

        assertEquals(new DispatchResult(1, 0, 1, 0), down);
        Map<String, Object> pending = Db.one("select * from report_delivery where schedule_id = ?", schedule);
        assertEquals("pending", pending.get("status"));
        assertEquals(1, pending.get("attempts"));
        assertThat((String) pending.get("last_error"), startsWith("SMTP: "));
        assertThat((String) pending.get("last_error"), not(containsString("\n")));
        assertEquals(MONDAY_9AM_NY.plus(Duration.ofMinutes(1)), instant(pending.get("next_attempt_at")));
        assertEquals(0, dispatcher.dispatchDue(MONDAY_9AM_NY.plusSeconds(59)).sent());

        // Meanwhile the schedule becomes daily: the retry is still the weekly run it was made for.
        Db.execute(
                "update report_schedule set frequency = 'daily', schedule_day = null where schedule_id = ?", schedule);
        GreenMailResource.startServer();
        DispatchResult back = dispatcher.dispatchDue(MONDAY_9AM_NY.plus(Duration.ofMinutes(1)));

        assertEquals(new DispatchResult(0, 1, 0, 0), back);
        assertEquals(1, Mails.to(address).size());
        assertThat(subject(Mails.to(address).get(0)), startsWith("Weekly usage report"));
        Map<String, Object> sent = Db.one("select * from report_delivery where schedule_id = ?", schedule);
        assertEquals("sent", sent.get("status"));
        assertEquals(2, sent.get("attempts"));
    }

    @Test
    void shouldKeepRetryingThroughAnHourLongSmtpOutageAndSendWhenItIsBack() {
        String[] team = Seeds.team("Long outage");
        String address = Seeds.id("hour") + "@example.com";
        String schedule = weeklyMonday(team, List.of(address), "csv", MONDAY_9AM_NY);
        GreenMailResource.stopServer();

        Instant now = MONDAY_9AM_NY;
        List<Long> delays = new ArrayList<>();
        while (!now.isAfter(MONDAY_9AM_NY.plus(Duration.ofHours(1)))) {
            DispatchResult down = dispatcher.dispatchDue(now);
            assertEquals(1, down.retried(), "at " + now);
            Instant next = nextAttemptAt(schedule);
            delays.add(Duration.between(now, next).toMinutes());
            now = next;
        }
        // SMTP is back after an hour and a bit: the next attempt sends, at most max-backoff (15 min) later.
        GreenMailResource.startServer();
        DispatchResult back = dispatcher.dispatchDue(now);

        assertEquals(List.of(1L, 2L, 4L, 8L, 15L, 15L, 15L, 15L), delays);
        assertEquals(new DispatchResult(0, 1, 0, 0), back);
        assertEquals(1, Mails.to(address).size());
        Map<String, Object> sent = Db.one("select * from report_delivery where schedule_id = ?", schedule);
        assertEquals("sent", sent.get("status"));
        assertEquals(9, sent.get("attempts"));
        assertEquals(MONDAY_9AM_NY, instant(sent.get("first_attempt_at")));
    }

    @Test
    void shouldGiveUpOnlyOnceGiveUpAfterHasPassedSinceTheFirstAttempt() {
        String[] team = Seeds.team("Never");
        String address = Seeds.id("never") + "@example.com";
        String schedule = weeklyMonday(team, List.of(address), "none", MONDAY_9AM_NY);
        GreenMailResource.stopServer();

        dispatcher.dispatchDue(MONDAY_9AM_NY);
        // A whole day of outage, less a minute: still retried (the tick was away meanwhile, say).
        Instant almostADay = MONDAY_9AM_NY.plus(Duration.ofDays(1)).minusSeconds(60);
        Db.execute("update report_delivery set next_attempt_at = ? where schedule_id = ?", almostADay, schedule);
        assertEquals(new DispatchResult(0, 0, 1, 0), dispatcher.dispatchDue(almostADay));
        DispatchResult last = dispatcher.dispatchDue(nextAttemptAt(schedule));

        assertEquals(new DispatchResult(0, 0, 0, 1), last);
        Map<String, Object> failed = Db.one("select * from report_delivery where schedule_id = ?", schedule);
        assertEquals("failed", failed.get("status"));
        assertEquals(3, failed.get("attempts"));
        assertThat((String) failed.get("last_error"), startsWith("SMTP: "));
        assertEquals(
                0,
                dispatcher.dispatchDue(MONDAY_9AM_NY.plus(Duration.ofDays(3))).sent());
    }

    @Test
    void shouldCapTheBackoffAtMaxBackoff() {
        assertEquals(Duration.ofMinutes(1), dispatcher.backoff(1));
        assertEquals(Duration.ofMinutes(8), dispatcher.backoff(4));
        assertEquals(Duration.ofMinutes(15), dispatcher.backoff(5));
        assertEquals(Duration.ofMinutes(15), dispatcher.backoff(40));
    }

    @Test
    void shouldMailTheFirstAttemptsSavedReportOnARetryWithoutMakingAnother() throws Exception {
        String[] team = Seeds.team("Same figures");
        String address = Seeds.id("same") + "@example.com";
        String schedule = weeklyMonday(team, List.of(address), "csv", MONDAY_9AM_NY);
        GreenMailResource.stopServer();

        dispatcher.dispatchDue(MONDAY_9AM_NY);
        Map<String, Object> pending = Db.one("select * from report_delivery where schedule_id = ?", schedule);
        assertEquals("pending", pending.get("status"));
        assertEquals(SampleReport.REPORT_ID, pending.get("report_id"), "the first attempt's report is kept");

        // Late events arrive meanwhile: a report generated now would say 9,876 requests.
        ObjectNode changed = SampleReport.json().put("report_id", "rpt_changed00001");
        ((ObjectNode) changed.path("data").path("summary")).put("total_requests", 9876);
        extraStubs.add(Stubs.generates(wireMock, team[1], changed.toString()));
        GreenMailResource.startServer();
        DispatchResult back = dispatcher.dispatchDue(nextAttemptAt(schedule));

        assertEquals(new DispatchResult(0, 1, 0, 0), back);
        Mails.Parsed mail = Mails.parse(Mails.to(address).get(0));
        assertThat(mail.html(), containsString("1,234"));
        assertThat(mail.html(), not(containsString("9,876")));
        assertEquals(SampleReport.CSV, new String(mail.attachment(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(1, Stubs.generateCalls(wireMock, team[1]), "a second report was generated (and saved)");
        Map<String, Object> sent = Db.one("select * from report_delivery where schedule_id = ?", schedule);
        assertEquals("sent", sent.get("status"));
        assertEquals(SampleReport.REPORT_ID, sent.get("report_id"));
    }

    @Test
    void shouldMakeANewReportWhenTheSavedOneWasDeletedMeanwhile() throws Exception {
        String[] team = Seeds.team("Deleted report");
        String address = Seeds.id("deleted") + "@example.com";
        String schedule = weeklyMonday(team, List.of(address), "none", MONDAY_9AM_NY);
        GreenMailResource.stopServer();
        dispatcher.dispatchDue(MONDAY_9AM_NY);
        Db.execute("update report_delivery set report_id = 'rpt_deleted00001' where schedule_id = ?", schedule);
        extraStubs.add(Stubs.savedReportGone(wireMock, "rpt_deleted00001"));

        GreenMailResource.startServer();
        assertEquals(1, dispatcher.dispatchDue(nextAttemptAt(schedule)).sent());

        assertEquals(2, Stubs.generateCalls(wireMock, team[1]));
        assertEquals(
                SampleReport.REPORT_ID,
                Db.one("select report_id from report_delivery where schedule_id = ?", schedule)
                        .get("report_id"));
        assertEquals(1, Mails.to(address).size());
    }

    @Test
    void shouldFailAtOnceWhenReportApiSaysTheTeamIsGone() {
        String[] team = Seeds.team("Gone");
        String address = Seeds.id("gone") + "@example.com";
        String schedule = weeklyMonday(team, List.of(address), "csv", MONDAY_9AM_NY);
        extraStubs.add(Stubs.teamGone(wireMock, team[1]));

        DispatchResult result = dispatcher.dispatchDue(MONDAY_9AM_NY);

        assertEquals(1, result.failed());
        Map<String, Object> failed = Db.one("select * from report_delivery where schedule_id = ?", schedule);
        assertEquals("failed", failed.get("status"));
        assertEquals(1, failed.get("attempts"));
        assertEquals("report-api generate answered 404: team not found", (String) failed.get("last_error"));
        assertTrue(Mails.to(address).isEmpty());
    }

    @Test
    void shouldRetryWhenReportApiIsUnavailable() {
        String[] team = Seeds.team("Busy");
        String schedule = weeklyMonday(team, List.of(Seeds.id("busy") + "@example.com"), "csv", MONDAY_9AM_NY);
        extraStubs.add(Stubs.unavailable(wireMock, team[1]));

        dispatcher.dispatchDue(MONDAY_9AM_NY);

        Map<String, Object> pending = Db.one("select * from report_delivery where schedule_id = ?", schedule);
        assertEquals("pending", pending.get("status"));
        assertEquals("report-api generate answered 503", (String) pending.get("last_error"));
    }

    @Test
    void shouldSendAnAdHocDelivery() throws Exception {
        String[] team = Seeds.team("Ad hoc");
        String address = Seeds.id("adhoc") + "@example.com";
        String delivery = Seeds.adHoc(
                team,
                List.of(address),
                "csv",
                Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-11-08T00:00:00Z"),
                MONDAY_9AM_NY.minusSeconds(5));

        assertEquals(new DispatchResult(0, 1, 0, 0), dispatcher.dispatchDue(MONDAY_9AM_NY));

        MimeMessage m = Mails.to(address).get(0);
        assertEquals("Usage report for Ad hoc: 2026-11-01 – 2026-11-07", m.getSubject());
        Mails.Parsed parts = Mails.parse(m);
        assertEquals("usage_report_2026-11-16.csv", parts.attachmentName());
        assertThat(parts.attachmentType(), startsWith("text/csv"));
        try (var parser = org.apache.commons.csv.CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .get()
                .parse(new java.io.StringReader(
                        new String(parts.attachment(), java.nio.charset.StandardCharsets.UTF_8)))) {
            assertEquals(
                    List.of("180", "205"),
                    parser.getRecords().stream().map(r -> r.get("requests")).toList());
        }
        assertEquals(
                "sent",
                Db.one("select status from report_delivery where delivery_id = ?", delivery)
                        .get("status"));
    }

    @Test
    void shouldNotMailOutsideTheDomainsTheOrganizationAllowsNow() {
        // Made before the organization restricted its recipient domains (report-api refuses such sends since).
        String[] team = Seeds.team("Allow-list");
        String inside = Seeds.id("in") + "@example.com";
        String outside = Seeds.id("out") + "@elsewhere.example";
        String delivery = Seeds.adHoc(
                team,
                List.of(inside, outside),
                "none",
                Instant.parse("2026-11-16T00:00:00Z"),
                Instant.parse("2026-11-23T00:00:00Z"),
                MONDAY_9AM_NY);
        Db.execute("update organization set recipient_domains = ? where org_id = ?", List.of("example.com"), team[0]);

        assertEquals(new DispatchResult(0, 0, 0, 1), dispatcher.dispatchDue(MONDAY_9AM_NY));

        Map<String, Object> failed = Db.one("select * from report_delivery where delivery_id = ?", delivery);
        assertEquals("failed", failed.get("status"));
        assertThat((String) failed.get("last_error"), containsString(outside));
        assertTrue(Mails.to(inside).isEmpty());
        assertTrue(Mails.to(outside).isEmpty());
    }

    static String weeklyMonday(String[] team, List<String> to, String format, Instant nextRunAt) {
        return Seeds.schedule(team, "weekly", LocalTime.of(9, 0), 1, "America/New_York", 7, to, format, nextRunAt);
    }

    static Instant nextAttemptAt(String schedule) {
        return instant(Db.one("select next_attempt_at from report_delivery where schedule_id = ?", schedule)
                .get("next_attempt_at"));
    }

    static Instant nextRunAt(String schedule) {
        return instant(Db.one("select next_run_at from report_schedule where schedule_id = ?", schedule)
                .get("next_run_at"));
    }

    static Instant instant(Object timestamp) {
        if (timestamp instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return ((java.time.OffsetDateTime) timestamp).toInstant();
    }

    private static String subject(jakarta.mail.internet.MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
