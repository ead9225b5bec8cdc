package dev.gatewayreports.scheduling.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.model.secrets.SecretBox;
import dev.gatewayreports.scheduling.support.AlertSeeds;
import dev.gatewayreports.scheduling.support.Seeds;
import dev.gatewayreports.scheduling.support.WebhookReceiver;
import dev.gatewayreports.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With private targets refused (production's default) and {@code localhost} in the allow-list: a receiver reached
 * as 127.0.0.1 is refused once, with the reason in the delivery log and no retry; the same receiver reached as
 * {@code localhost} is sent to.
 */
@QuarkusTest
@TestProfile(PrivateWebhookTargetsTest.Refusing.class)
class PrivateWebhookTargetsTest {
    /** Production's setting, plus one allowed host. */
    public static class Refusing implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("reports.webhooks.allow-private", "false", "reports.webhooks.allowed-hosts", "localhost");
        }
    }

    @Inject
    NotificationSender sender;

    @BeforeEach
    void setUp() {
        AlertSeeds.clear();
    }

    @Test
    void shouldRefuseALoopbackReceiverForGoodAndSendToAnAllowedHost() throws Exception {
        String secret = SecretBox.newSecret("whsec_");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.secret("/hook", secret);
            String[] team = Seeds.team("Private");
            String url = receiver.url("/hook");
            String alert =
                    AlertSeeds.rule(AlertSeeds.Rule.cost(team, "Private", "1").webhook(url, secret));
            Instant now = Instant.now();
            String refused = AlertSeeds.notification(event(alert, "e1", now), "webhook", url, now.minusSeconds(1));
            String allowed = AlertSeeds.notification(
                    event(alert, "e2", now), "webhook", url.replace("127.0.0.1", "localhost"), now.minusSeconds(1));

            assertEquals(new NotifyResult(1, 0, 1), sender.dispatchDue(now));

            Map<String, Object> row = row(refused);
            assertEquals("failed", row.get("status"));
            assertEquals(1, row.get("attempts"));
            assertEquals(
                    "refused: 127.0.0.1 resolves to 127.0.0.1, a loopback address"
                            + " (reports.webhooks.allowed-hosts lists hosts that may)",
                    row.get("last_error"));
            assertEquals("sent", row(allowed).get("status"));
            List<WebhookReceiver.Received> got = receiver.received("/hook");
            assertEquals(1, got.size(), "only the allowed host was reached");
            assertTrue(got.get(0).verified());
            assertEquals(new NotifyResult(0, 0, 0), sender.dispatchDue(now.plusSeconds(3600)), "never retried");
        }
    }

    private static String event(String alert, String episode, Instant at) {
        return AlertSeeds.event(alert, "fired", episode, "2", "1", null, at.minusSeconds(3600), at, at);
    }

    private static Map<String, Object> row(String id) {
        return Db.one("select * from alert_notification where notification_id = ?", id);
    }
}
