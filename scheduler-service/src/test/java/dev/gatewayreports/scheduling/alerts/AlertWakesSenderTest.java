package dev.gatewayreports.scheduling.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.model.secrets.SecretBox;
import dev.gatewayreports.scheduling.alerts.AlertFixtures.Event;
import dev.gatewayreports.scheduling.alerts.AlertFixtures.Rule;
import dev.gatewayreports.scheduling.due.SendWakeups;
import dev.gatewayreports.scheduling.support.NotifyListening;
import dev.gatewayreports.scheduling.support.SecretsKeyResource;
import dev.gatewayreports.scheduling.support.Seeds;
import dev.gatewayreports.scheduling.support.WebhookReceiver;
import dev.gatewayreports.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The evaluator wakes the sender: the sender's tick is off in tests ({@code reports.notify.every=off}, a poll that
 * never comes), so a firing's webhook that arrives within two seconds of the evaluation's commit was sent because
 * the evaluator's transaction notified {@code alert_notification}.
 */
@QuarkusTest
@TestProfile(NotifyListening.class)
class AlertWakesSenderTest {
    @Inject
    AlertEvaluator evaluator;

    @Inject
    SendWakeups wakeups;

    @BeforeEach
    void clear() {
        AlertFixtures.clearRules();
    }

    @Test
    void shouldSendAFiringWithinTwoSecondsOfTheEvaluationsCommit() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!wakeups.listening()) {
            assertTrue(System.nanoTime() < deadline, "the listener connects");
            Thread.sleep(50);
        }
        String secret = SecretBox.newSecret("whsec_");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.secret("/wake", secret);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            String[] team = Seeds.team("Wake");
            String alert = new Rule(team[0], team[1])
                    .threshold("gt", "1")
                    .notify(List.of(), receiver.url("/wake"))
                    .dueAt(now)
                    .insert();
            Db.execute(
                    "update alert_rule set webhook_secret_enc = ? where alert_id = ?",
                    SecretBox.fromBase64(SecretsKeyResource.key()).seal(alert, secret),
                    alert);
            AlertFixtures.ingest(team[0], List.of(Event.cost(team[1], now.minusSeconds(30), "2.5")));

            assertEquals(1, evaluator.evaluateDue(now).events());
            long committed = System.nanoTime();
            while (receiver.received("/wake").isEmpty()) {
                assertTrue(System.nanoTime() - committed < Duration.ofSeconds(2).toNanos(), "sent within 2 s");
                Thread.sleep(10);
            }
            long millis = Duration.ofNanos(System.nanoTime() - committed).toMillis();
            System.out.printf("AlertWakesSenderTest: the firing's webhook arrived %d ms after the commit%n", millis);
            assertTrue(receiver.received("/wake").get(0).verified());
        }
    }
}
