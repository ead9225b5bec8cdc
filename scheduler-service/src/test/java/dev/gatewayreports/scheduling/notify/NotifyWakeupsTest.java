package dev.gatewayreports.scheduling.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatewayreports.model.secrets.SecretBox;
import dev.gatewayreports.scheduling.due.SendWakeups;
import dev.gatewayreports.scheduling.support.AlertSeeds;
import dev.gatewayreports.scheduling.support.NotifyListening;
import dev.gatewayreports.scheduling.support.Seeds;
import dev.gatewayreports.scheduling.support.WebhookReceiver;
import dev.gatewayreports.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Alerts go out as soon as they are recorded: the sender's tick is off in tests ({@code reports.notify.every=off}),
 * so a webhook that arrives was sent because {@code pg_notify('alert_notification', id)} woke the listener.
 */
@QuarkusTest
@TestProfile(NotifyListening.class)
class NotifyWakeupsTest {
    @Inject
    SendWakeups wakeups;

    @BeforeEach
    void setUp() {
        AlertSeeds.clear();
    }

    @Test
    void shouldSendWithinSecondsOfTheNotificationsPgNotify() throws Exception {
        await(wakeups::listening, Duration.ofSeconds(10), "the listener connects");
        String secret = SecretBox.newSecret("whsec_");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.secret("/now", secret);
            String[] team = Seeds.team("Now");
            String alert =
                    AlertSeeds.rule(AlertSeeds.Rule.cost(team, "Now", "1").webhook(receiver.url("/now"), secret));
            Instant end = Instant.now();
            String event = AlertSeeds.event(alert, "fired", "e1", "2", "1", null, end.minusSeconds(3600), end, end);
            String id = AlertSeeds.notification(
                    event, "webhook", receiver.url("/now"), Instant.now().minusSeconds(1));
            // Not sent without a notification: no tick runs.
            Thread.sleep(1_000);
            assertEquals(0, receiver.received().size());

            Db.query("select pg_notify('alert_notification', ?)", id);

            // Seconds, not the next tick (there is none); generous for a loaded CI machine.
            await(() -> receiver.received().size() == 1, Duration.ofSeconds(10), "the webhook arrives");
            await(
                    () -> "sent"
                            .equals(Db.one("select status from alert_notification where notification_id = ?", id)
                                    .get("status")),
                    Duration.ofSeconds(5),
                    "the notification is marked sent");
            assertEquals(1, receiver.acceptedByEventId().get(event));
        }
    }

    private static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting until " + what);
            }
            Thread.sleep(50);
        }
    }
}
