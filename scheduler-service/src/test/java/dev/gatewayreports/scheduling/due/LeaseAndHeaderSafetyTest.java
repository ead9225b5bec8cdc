package dev.gatewayreports.scheduling.due;

import static dev.gatewayreports.scheduling.due.DispatcherTest.MONDAY_9AM_NY;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.gatewayreports.scheduling.delivery.DeliveryRequest;
import dev.gatewayreports.scheduling.support.GreenMailResource;
import dev.gatewayreports.scheduling.support.Mails;
import dev.gatewayreports.scheduling.support.Seeds;
import dev.gatewayreports.scheduling.support.Stubs;
import dev.gatewayreports.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Leases taken over after a replica dies, stale workers, and headers nobody can inject into. */
@QuarkusTest
class LeaseAndHeaderSafetyTest {
    @Inject
    Dispatcher dispatcher;

    @Inject
    DueRepository repository;

    @OidcWireMock
    WireMockServer wireMock;

    @BeforeEach
    void setUp() {
        Seeds.clearSchedules();
        GreenMailResource.startServer();
        Stubs.reportApi(wireMock);
    }

    @Test
    void shouldTakeOverADeliveryWhoseLeaseExpiredAndKeepTheStaleWorkerOut() {
        String address = Seeds.id("crash") + "@example.com";
        String id = adHoc(Seeds.team("Crash"), address);
        // A replica claimed it (attempt 1) and died: its lease runs until 14:05.
        Db.execute(
                "update report_delivery set status = 'sending', attempts = 1, locked_until = ? where delivery_id = ?",
                MONDAY_9AM_NY.plus(Duration.ofMinutes(5)),
                id);

        assertEquals(
                0,
                dispatcher
                        .dispatchDue(MONDAY_9AM_NY.plus(Duration.ofMinutes(4)))
                        .sent());
        assertEquals(
                1,
                dispatcher
                        .dispatchDue(MONDAY_9AM_NY.plus(Duration.ofMinutes(5)))
                        .sent());

        assertEquals(1, Mails.to(address).size());
        assertEquals(
                2,
                Db.one("select attempts from report_delivery where delivery_id = ?", id)
                        .get("attempts"));
        // The dead replica's attempt 1, if it came back, cannot overwrite what attempt 2 recorded.
        DeliveryRequest request = new DeliveryRequest(
                id,
                null,
                null,
                null,
                "usage",
                null,
                ZoneOffset.UTC,
                MONDAY_9AM_NY,
                MONDAY_9AM_NY,
                "none",
                null,
                List.of(address));
        ClaimedDelivery stale = new ClaimedDelivery(request, 1);
        assertFalse(repository.renewLease(stale, MONDAY_9AM_NY.plus(Duration.ofHours(1))));
        assertFalse(repository.markRetry(stale, MONDAY_9AM_NY, "stale", null));
        assertEquals(
                "sent",
                Db.one("select status from report_delivery where delivery_id = ?", id)
                        .get("status"));
    }

    @Test
    void shouldNotMailADeliveryTakenOverWhileItsReportWasBeingMade() throws Exception {
        String[] team = Seeds.team("Slow");
        String address = Seeds.id("slow") + "@example.com";
        String id = adHoc(team, address);
        var slow = Stubs.slow(wireMock, team[1], 3_000);
        try {
            CompletableFuture<DispatchResult> first =
                    CompletableFuture.supplyAsync(() -> dispatcher.dispatchDue(MONDAY_9AM_NY));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!Integer.valueOf(1).equals(attempts(id)) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, attempts(id), "the first replica claimed it");
            // While report-api works, another replica takes the delivery over (what its claim does once a lease
            // has run out): the first one must not send.
            Db.execute("update report_delivery set attempts = attempts + 1 where delivery_id = ?", id);

            assertEquals(0, first.get(30, TimeUnit.SECONDS).sent());
            assertTrue(Mails.to(address).isEmpty());
            assertEquals(
                    "sending",
                    Db.one("select status from report_delivery where delivery_id = ?", id)
                            .get("status"));
        } finally {
            wireMock.removeStub(slow);
        }
    }

    private static Object attempts(String id) {
        return Db.one("select attempts from report_delivery where delivery_id = ?", id)
                .get("attempts");
    }

    @Test
    void shouldKeepLineBreaksInATeamNameOutOfTheHeaders() throws Exception {
        String victim = Seeds.id("victim") + "@example.net";
        String address = Seeds.id("safe") + "@example.com";
        adHoc(Seeds.team("Evil\r\nBcc: " + victim + "\r\nX-Injected: yes"), address);

        assertEquals(1, dispatcher.dispatchDue(MONDAY_9AM_NY).sent());

        MimeMessage m = Mails.to(address).get(0);
        assertThat(m.getSubject(), not(containsString("\n")));
        assertThat(m.getSubject(), containsString("Evil Bcc: " + victim + " X-Injected: yes"));
        assertNull(m.getHeader("X-Injected"));
        assertNull(m.getHeader("Bcc"));
        assertTrue(Mails.to(victim).isEmpty());
        for (String header : Collections.list(m.getAllHeaderLines())) {
            assertFalse(header.startsWith("X-Injected"), header);
        }
    }

    @Test
    void shouldRefuseARecipientWithALineBreakWithoutSendingAnything() {
        String victim = Seeds.id("victim") + "@example.net";
        String address = Seeds.id("ok") + "@example.com";
        String id = adHoc(Seeds.team("Bad list"), address, address + "\r\nBcc: " + victim);

        assertEquals(1, dispatcher.dispatchDue(MONDAY_9AM_NY).failed());

        assertTrue(Mails.to(address).isEmpty());
        assertTrue(Mails.to(victim).isEmpty());
        var row = Db.one("select status, attempts, last_error from report_delivery where delivery_id = ?", id);
        assertEquals("failed", row.get("status"));
        assertEquals(1, row.get("attempts"));
        assertThat((String) row.get("last_error"), containsString("is not a valid e-mail address"));
        assertThat((String) row.get("last_error"), not(containsString("\n")));
    }

    @Test
    void shouldNotLetAScheduleWithAnUnknownZoneBlockTheOthers() {
        String good = Seeds.id("good") + "@example.com";
        String[] team = Seeds.team("Zones");
        String broken = Seeds.schedule(
                team,
                "daily",
                java.time.LocalTime.NOON,
                null,
                "Mars/Olympus",
                1,
                List.of(good),
                "none",
                MONDAY_9AM_NY.minusSeconds(3600));
        Seeds.schedule(
                Seeds.team("Fine"),
                "daily",
                java.time.LocalTime.NOON,
                null,
                "UTC",
                1,
                List.of(good),
                "none",
                MONDAY_9AM_NY);

        assertEquals(1, dispatcher.dispatchDue(MONDAY_9AM_NY).sent());

        assertEquals(1, Mails.to(good).size());
        assertTrue(Db.query("select 1 from report_delivery where schedule_id = ?", broken)
                .isEmpty());
        assertEquals(MONDAY_9AM_NY.plus(Duration.ofDays(1)), DispatcherTest.nextRunAt(broken));
    }

    private static String adHoc(String[] team, String... recipients) {
        return Seeds.adHoc(
                team,
                List.of(recipients),
                "none",
                Instant.parse("2026-11-16T00:00:00Z"),
                Instant.parse("2026-11-23T00:00:00Z"),
                MONDAY_9AM_NY.minusSeconds(60));
    }
}
