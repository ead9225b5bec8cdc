package dev.gatewayreports.scheduling.due;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.gatewayreports.scheduling.support.GreenMailResource;
import dev.gatewayreports.scheduling.support.Mails;
import dev.gatewayreports.scheduling.support.Seeds;
import dev.gatewayreports.scheduling.support.Stubs;
import dev.gatewayreports.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Send now sends now: the tick is off in tests ({@code reports.scheduler.every=off}), so a mail that arrives was
 * sent because report-api's {@code pg_notify} woke the listener.
 */
@QuarkusTest
class SendWakeupsTest {
    @Inject
    SendWakeups wakeups;

    @OidcWireMock
    WireMockServer wireMock;

    @BeforeEach
    void setUp() {
        Seeds.clearSchedules();
        GreenMailResource.startServer();
        Stubs.reportApi(wireMock);
    }

    @Test
    void shouldSendAnAdHocDeliveryWithinSecondsOfItsNotification() throws Exception {
        await(wakeups::listening, Duration.ofSeconds(10), "the listener connects");
        String[] team = Seeds.team("Now");
        String address = Seeds.id("now") + "@example.com";
        Instant now = Instant.now();
        String delivery = Seeds.adHoc(
                team,
                List.of(address),
                "none",
                Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-11-08T00:00:00Z"),
                now.minusSeconds(1));
        // Not sent without a notification: no tick runs.
        Thread.sleep(1_000);
        assertEquals(0, Mails.to(address).size());

        Instant notified = Instant.now();
        Db.query("select pg_notify('report_delivery', ?)", delivery);
        // Woken at once: the listener's dispatch claims the delivery (stamping first_attempt_at from the clock)
        // within seconds of the notification. The claim is what the wake-up decides; making the report (report-api
        // stubbed) and mailing it (GreenMail) come after and take what the machine gives them: under load they
        // took more than the 5 s this test once allowed for the whole, which failed it now and then.
        await(() -> attempts(delivery) > 0, Duration.ofSeconds(5), "the delivery is claimed");
        Instant claimed = ((java.sql.Timestamp)
                        Db.one("select first_attempt_at from report_delivery where delivery_id = ?", delivery)
                                .get("first_attempt_at"))
                .toInstant();
        assertTrue(
                Duration.between(notified, claimed).toSeconds() < 5,
                "claimed at " + claimed + ", notified at " + notified);
        // No tick runs, so the mail that arrives was sent by that wake-up.
        await(() -> !Mails.to(address).isEmpty(), Duration.ofSeconds(60), "the mail arrives");
        await(
                () -> "sent"
                        .equals(Db.one("select status from report_delivery where delivery_id = ?", delivery)
                                .get("status")),
                Duration.ofSeconds(10),
                "the delivery is marked sent");
        assertEquals(1, attempts(delivery), "sent at the first attempt: one wake-up, one dispatch");
    }

    private static int attempts(String delivery) {
        return ((Number) Db.one("select attempts from report_delivery where delivery_id = ?", delivery)
                        .get("attempts"))
                .intValue();
    }

    private static void await(java.util.function.BooleanSupplier condition, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting until " + what);
            }
            Thread.sleep(50);
        }
    }
}
