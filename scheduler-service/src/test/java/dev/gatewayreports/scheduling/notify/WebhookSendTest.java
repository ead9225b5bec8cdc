package dev.gatewayreports.scheduling.notify;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewayreports.model.secrets.SecretBox;
import dev.gatewayreports.scheduling.support.AlertSeeds;
import dev.gatewayreports.scheduling.support.Seeds;
import dev.gatewayreports.scheduling.support.WebhookReceiver;
import dev.gatewayreports.testing.Db;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks through a real HTTP receiver (the JDK's server, verifying signatures as docs/webhooks.md tells receivers
 * to) and real PostgreSQL: retries with backoff, permanent failures, the secret read at send time, the delivery log.
 */
@QuarkusTest
class WebhookSendTest {
    static final Instant WINDOW_END = Instant.parse("2026-12-02T19:05:00Z");

    @Inject
    NotificationSender sender;

    @Inject
    RetryPolicy retries;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry metrics;

    WebhookReceiver receiver;
    String[] team;

    @BeforeEach
    void setUp() throws IOException {
        AlertSeeds.clear();
        receiver = new WebhookReceiver();
        team = Seeds.team("Platform");
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    @Test
    void shouldRetryTwiceAfter500AndDeliverOnceWithAValidSignature() throws Exception {
        String secret = SecretBox.newSecret("whsec_");
        receiver.secret("/hook", secret).answer("/hook", 500, 500);
        String alert = AlertSeeds.rule(
                AlertSeeds.Rule.cost(team, "Platform daily cost", "100").webhook(receiver.url("/hook"), secret));
        String event = firedEvent(alert, "123.45", "100");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String id = AlertSeeds.notification(event, "webhook", receiver.url("/hook"), now);

        assertEquals(new NotifyResult(0, 1, 0), sender.dispatchDue(now));
        Map<String, Object> row = row(id);
        assertEquals("pending", row.get("status"));
        assertEquals(1, row.get("attempts"));
        assertEquals(500, row.get("response_status"));
        assertEquals("HTTP 500", row.get("last_error"));
        Instant second = instant(row.get("next_attempt_at"));
        assertBetween(second, now.plusSeconds(30), now.plusMillis(37_500));
        // Not due before its backoff.
        assertEquals(NotifyResult.NONE, sender.dispatchDue(now.plusSeconds(29)));

        assertEquals(new NotifyResult(0, 1, 0), sender.dispatchDue(second));
        row = row(id);
        assertEquals(2, row.get("attempts"));
        Instant third = instant(row.get("next_attempt_at"));
        assertBetween(third, second.plusSeconds(60), second.plusSeconds(75));

        assertEquals(new NotifyResult(1, 0, 0), sender.dispatchDue(third));
        row = row(id);
        assertEquals("sent", row.get("status"));
        assertEquals(3, row.get("attempts"));
        assertEquals(200, row.get("response_status"));
        assertNull(row.get("last_error"));
        assertNull(row.get("locked_until"));
        assertEquals(third, instant(row.get("sent_at")));
        assertEquals(now, instant(row.get("first_attempt_at")));
        // Nothing more to send.
        assertEquals(NotifyResult.NONE, sender.dispatchDue(third.plusSeconds(3600)));

        List<WebhookReceiver.Received> got = receiver.received("/hook");
        assertEquals(
                List.of(500, 500, 200),
                got.stream().map(WebhookReceiver.Received::answered).toList());
        assertTrue(got.stream().allMatch(WebhookReceiver.Received::verified), "every attempt is signed validly");
        assertTrue(got.stream().allMatch(r -> event.equals(r.eventId())));
        assertTrue(got.stream().allMatch(r -> r.contentType().startsWith("application/json")));
        assertEquals(got.get(0).text(), got.get(2).text(), "every attempt sends the same body");
        assertEquals(Map.of(event, 1), receiver.acceptedByEventId(), "delivered once");
        // Each attempt is signed at its own time.
        assertThat(got.get(2).signature(), containsString("t=" + third.getEpochSecond() + ","));

        JsonNode body = json.readTree(got.get(2).body());
        assertEquals("fired", body.get("type").asText());
        assertEquals(event, body.get("event_id").asText());
        assertEquals(alert, body.at("/alert/id").asText());
        assertEquals("Platform daily cost", body.at("/alert/name").asText());
        assertEquals("threshold", body.at("/alert/kind").asText());
        assertEquals("cost_usd", body.at("/alert/measure").asText());
        assertEquals("last_day", body.at("/alert/window").asText());
        assertEquals("gt", body.at("/alert/comparison").asText());
        assertEquals("100", body.at("/alert/threshold").asText());
        assertEquals("America/New_York", body.at("/alert/timezone").asText());
        assertTrue(body.get("value").isTextual(), "decimals are strings");
        assertEquals("123.45", body.get("value").asText());
        assertEquals("100", body.get("threshold").asText());
        assertTrue(body.get("forecast").isNull());
        assertEquals("2026-12-01T19:05:00Z", body.get("window_start").asText());
        assertEquals("2026-12-02T19:05:00Z", body.get("window_end").asText());
        assertEquals("2026-12-02T19:05:00Z", body.get("occurred_at").asText());
        assertEquals(team[0], body.get("organization_id").asText());
        assertEquals(team[1], body.get("team_id").asText());
        assertEquals("e1", body.get("episode_key").asText());
        assertThat(got.get(2).text(), not(containsString(secret)));
    }

    @Test
    void shouldFailAtOnceWhenTheReceiverAnswers410() throws Exception {
        String secret = SecretBox.newSecret("whsec_");
        receiver.secret("/gone", secret).answer("/gone", 410);
        String alert =
                AlertSeeds.rule(AlertSeeds.Rule.cost(team, "Gone", "100").webhook(receiver.url("/gone"), secret));
        String id = AlertSeeds.notification(
                firedEvent(alert, "150", "100"), "webhook", receiver.url("/gone"), Instant.now());

        double failedBefore = failedWebhooks();

        assertEquals(new NotifyResult(0, 0, 1), sender.dispatchDue(Instant.now()));

        assertEquals(failedBefore + 1, failedWebhooks(), "reports_alert_notifications_total{webhook, failed}");
        Map<String, Object> row = row(id);
        assertEquals("failed", row.get("status"));
        assertEquals(1, row.get("attempts"));
        assertEquals(410, row.get("response_status"));
        assertEquals("HTTP 410", row.get("last_error"));
        assertNull(row.get("sent_at"));
        assertEquals(NotifyResult.NONE, sender.dispatchDue(Instant.now().plus(Duration.ofHours(2))));
        assertEquals(1, receiver.received("/gone").size());
    }

    @Test
    void shouldNotFollowARedirect() throws Exception {
        String secret = SecretBox.newSecret("whsec_");
        receiver.secret("/moved", secret).answer("/moved", 302);
        String alert =
                AlertSeeds.rule(AlertSeeds.Rule.cost(team, "Moved", "100").webhook(receiver.url("/moved"), secret));
        String id = AlertSeeds.notification(
                firedEvent(alert, "150", "100"), "webhook", receiver.url("/moved"), Instant.now());

        assertEquals(new NotifyResult(0, 0, 1), sender.dispatchDue(Instant.now()));

        assertEquals("HTTP 302 (redirects are not followed)", row(id).get("last_error"));
        assertEquals(302, row(id).get("response_status"));
        assertEquals(List.of(), receiver.received("/redirected"));
    }

    @Test
    void shouldSignTheNextAttemptWithARotatedSecret() throws Exception {
        String before = SecretBox.newSecret("whsec_");
        String after = SecretBox.newSecret("whsec_");
        receiver.secret("/rotated", before).answer("/rotated", 503);
        String alert =
                AlertSeeds.rule(AlertSeeds.Rule.cost(team, "Rotated", "100").webhook(receiver.url("/rotated"), before));
        String id = AlertSeeds.notification(
                firedEvent(alert, "150", "100"), "webhook", receiver.url("/rotated"), Instant.now());
        Instant now = Instant.now();
        assertEquals(new NotifyResult(0, 1, 0), sender.dispatchDue(now));

        AlertSeeds.rotate(alert, after);
        receiver.secret("/rotated", after);
        assertEquals(new NotifyResult(1, 0, 0), sender.dispatchDue(instant(row(id).get("next_attempt_at"))));

        WebhookReceiver.Received second = receiver.received("/rotated").get(1);
        assertTrue(second.verified());
        assertFalse(WebhookReceiver.verify(before, second.signature(), second.body(), Instant.now()));
    }

    @Test
    void shouldRetryWhenNoAnswerComesAndRecordWhyWithoutTheUrl() throws Exception {
        String secret = SecretBox.newSecret("whsec_");
        receiver.secret("/slow", secret).answer("/slow", 0).hang(Duration.ofSeconds(4));
        String closed = "http://127.0.0.1:" + freePort() + "/hook?token=receiver-secret-token";
        String slowRule =
                AlertSeeds.rule(AlertSeeds.Rule.cost(team, "Slow", "100").webhook(receiver.url("/slow"), secret));
        String deadRule =
                AlertSeeds.rule(AlertSeeds.Rule.cost(team, "Dead", "100").webhook(closed, secret));
        String slow = AlertSeeds.notification(
                firedEvent(slowRule, "150", "100"), "webhook", receiver.url("/slow"), Instant.now());
        String dead = AlertSeeds.notification(firedEvent(deadRule, "150", "100"), "webhook", closed, Instant.now());

        assertEquals(new NotifyResult(0, 2, 0), sender.dispatchDue(Instant.now()));

        Map<String, Object> timedOut = row(slow);
        assertEquals("pending", timedOut.get("status"));
        assertNull(timedOut.get("response_status"));
        assertThat((String) timedOut.get("last_error"), containsString("timed out"));
        Map<String, Object> refused = row(dead);
        assertEquals("pending", refused.get("status"));
        assertNull(refused.get("response_status"));
        assertThat((String) refused.get("last_error"), containsString("no answer"));
        assertThat((String) refused.get("last_error"), not(containsString("receiver-secret-token")));
        assertThat((String) refused.get("last_error"), not(containsString(secret)));
    }

    @Test
    void shouldGiveUpAfterTheLastAttemptOrADay() throws Exception {
        String secret = SecretBox.newSecret("whsec_");
        receiver.secret("/down", secret).answer("/down", 500, 500);
        String alert =
                AlertSeeds.rule(AlertSeeds.Rule.cost(team, "Down", "100").webhook(receiver.url("/down"), secret));
        Instant now = Instant.now();
        String eighth = AlertSeeds.notification(firedEvent(alert, "150", "100"), "webhook", receiver.url("/down"), now);
        Db.execute(
                "update alert_notification set attempts = 7, first_attempt_at = ? where notification_id = ?",
                now.minus(Duration.ofHours(1)),
                eighth);
        String late = AlertSeeds.notification(
                AlertSeeds.event(
                        alert,
                        "fired",
                        "e2",
                        "150",
                        "100",
                        null,
                        WINDOW_END.minus(Duration.ofDays(1)),
                        WINDOW_END,
                        WINDOW_END),
                "webhook",
                receiver.url("/down"),
                now);
        Db.execute(
                "update alert_notification set attempts = 2, first_attempt_at = ? where notification_id = ?",
                now.minus(Duration.ofHours(25)),
                late);

        assertEquals(new NotifyResult(0, 0, 2), sender.dispatchDue(now));

        Map<String, Object> row = row(eighth);
        assertEquals("failed", row.get("status"));
        assertEquals(8, row.get("attempts"));
        assertEquals("HTTP 500 (gave up after 8 attempts)", row.get("last_error"));
        assertEquals("failed", row(late).get("status"));
        assertEquals("HTTP 500 (gave up after 3 attempts)", row(late).get("last_error"));
    }

    @Test
    void shouldFailWhenTheRuleNoLongerHasAWebhook() throws Exception {
        String secret = SecretBox.newSecret("whsec_");
        receiver.secret("/removed", secret);
        String alert =
                AlertSeeds.rule(AlertSeeds.Rule.cost(team, "Removed", "100").webhook(receiver.url("/removed"), secret));
        String id = AlertSeeds.notification(
                firedEvent(alert, "150", "100"), "webhook", receiver.url("/removed"), Instant.now());
        Db.execute("update alert_rule set webhook_url = null, webhook_secret_enc = null where alert_id = ?", alert);

        assertEquals(new NotifyResult(0, 0, 1), sender.dispatchDue(Instant.now()));

        assertEquals("the rule has no webhook any more", row(id).get("last_error"));
        assertEquals(List.of(), receiver.received());
    }

    @Test
    void shouldBackOffExponentiallyWithJitterUpToAnHour() {
        for (int attempts = 1; attempts <= 12; attempts++) {
            Duration base = Duration.ofSeconds(30).multipliedBy(1L << Math.min(attempts - 1, 20));
            Duration cap = Duration.ofHours(1);
            Duration low = base.compareTo(cap) > 0 ? cap : base;
            Duration high = base.plus(base.dividedBy(4)).compareTo(cap) > 0 ? cap : base.plus(base.dividedBy(4));
            for (int i = 0; i < 50; i++) {
                Duration d = retries.backoff(attempts);
                assertTrue(d.compareTo(low) >= 0 && d.compareTo(high) <= 0, attempts + ": " + d);
            }
        }
    }

    private String firedEvent(String alert, String value, String threshold) {
        return AlertSeeds.event(
                alert,
                "fired",
                "e1",
                value,
                threshold,
                null,
                WINDOW_END.minus(Duration.ofDays(1)),
                WINDOW_END,
                WINDOW_END);
    }

    private double failedWebhooks() {
        return metrics.get("reports.alert.notifications")
                .tags("channel", "webhook", "outcome", "failed")
                .counter()
                .count();
    }

    static Map<String, Object> row(String notificationId) {
        return Db.one("select * from alert_notification where notification_id = ?", notificationId);
    }

    static Instant instant(Object value) {
        assertNotNull(value);
        return ((Timestamp) value).toInstant();
    }

    static void assertBetween(Instant actual, Instant low, Instant high) {
        assertTrue(!actual.isBefore(low) && !actual.isAfter(high), actual + " not in [" + low + ", " + high + "]");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
