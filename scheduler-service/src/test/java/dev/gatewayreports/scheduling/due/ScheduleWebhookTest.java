package dev.gatewayreports.scheduling.due;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.gatewayreports.model.report.Report;
import dev.gatewayreports.model.secrets.SecretBox;
import dev.gatewayreports.scheduling.support.GreenMailResource;
import dev.gatewayreports.scheduling.support.Mails;
import dev.gatewayreports.scheduling.support.Seeds;
import dev.gatewayreports.scheduling.support.Stubs;
import dev.gatewayreports.scheduling.support.WebhookReceiver;
import dev.gatewayreports.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scheduled reports to a webhook, through real PostgreSQL, real SMTP (GreenMail) and a real HTTP receiver that
 * verifies signatures independently; report-api is the WireMock stub. The receiver checks the signature's time
 * against its own clock, so these tests dispatch at (or a minute or two after) the real now.
 */
@QuarkusTest
class ScheduleWebhookTest {
    @Inject
    Dispatcher dispatcher;

    @Inject
    ObjectMapper json;

    @OidcWireMock
    WireMockServer wireMock;

    @BeforeEach
    void setUp() {
        Seeds.clearSchedules();
        GreenMailResource.startServer();
        Stubs.reportApi(wireMock);
    }

    @Test
    void shouldMailAndPostADueSlotOnceEachAcrossThreeDispatchers() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String address = Seeds.id("both") + "@example.com";
        String secret = SecretBox.newSecret("whsec_");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.secret("/both", secret);
            String schedule = dueDaily(Seeds.team("Both"), now);
            Seeds.webhook(schedule, receiver.url("/both"), secret, List.of(address));

            CountDownLatch start = new CountDownLatch(1);
            Callable<DispatchResult> replica = () -> {
                start.await();
                return dispatcher.dispatchDue(now);
            };
            ExecutorService pool = Executors.newFixedThreadPool(3);
            int made = 0;
            int sent = 0;
            try {
                List<Future<DispatchResult>> runs =
                        List.of(pool.submit(replica), pool.submit(replica), pool.submit(replica));
                start.countDown();
                for (Future<DispatchResult> run : runs) {
                    made += run.get().materialised();
                    sent += run.get().sent();
                }
            } finally {
                pool.shutdownNow();
            }
            // An SMTP hiccup is retried, never sent twice: whatever is left goes now.
            sent += dispatcher.dispatchDue(now.plus(Duration.ofMinutes(2))).sent();

            assertEquals(2, made, "one delivery per channel of the slot");
            assertEquals(2, sent);
            assertEquals(1, Mails.to(address).size());
            List<WebhookReceiver.Received> posts = receiver.received("/both");
            assertEquals(1, posts.size());
            assertTrue(posts.get(0).verified());
            List<Map<String, Object>> rows = deliveries(schedule);
            assertEquals(
                    List.of("email", "webhook"),
                    rows.stream().map(r -> r.get("channel")).toList());
            for (Map<String, Object> row : rows) {
                assertEquals("sent", row.get("status"));
            }
            assertNull(rows.get(0).get("response_status"));
            assertEquals(200, rows.get(1).get("response_status"));
            assertEquals(rows.get(1).get("delivery_id"), posts.get(0).eventId());
        }
    }

    @Test
    void shouldRetryTheWebhookAfter500sWithoutMailingAgain() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String address = Seeds.id("retry") + "@example.com";
        String secret = SecretBox.newSecret("whsec_");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.secret("/retry", secret).answer("/retry", 500, 500);
            String[] team = Seeds.team("Retry");
            String schedule = dueDaily(team, now);
            Seeds.webhook(schedule, receiver.url("/retry"), secret, List.of(address));

            assertEquals(new DispatchResult(2, 1, 1, 0), dispatcher.dispatchDue(now));
            Map<String, Object> hook = deliveries(schedule).get(1);
            assertEquals("pending", hook.get("status"));
            assertEquals("HTTP 500", hook.get("last_error"));
            assertEquals(500, hook.get("response_status"));
            // The alert webhooks' policy: 30 s plus up to a quarter, then 60 s plus up to a quarter, reckoned from
            // the attempt (a few seconds into the dispatch: the mail went first).
            assertBetween(hook, now.plusSeconds(30), now.plusMillis(37_500));

            Instant second = now.plusSeconds(40);
            assertEquals(new DispatchResult(0, 0, 1, 0), dispatcher.dispatchDue(second));
            assertBetween(deliveries(schedule).get(1), second.plusSeconds(60), second.plusSeconds(75));

            assertEquals(new DispatchResult(0, 1, 0, 0), dispatcher.dispatchDue(second.plusSeconds(80)));

            List<WebhookReceiver.Received> posts = receiver.received("/retry");
            assertEquals(
                    List.of(500, 500, 200),
                    posts.stream().map(WebhookReceiver.Received::answered).toList());
            assertTrue(posts.stream().allMatch(WebhookReceiver.Received::verified));
            // Every attempt carries the same report and event id (the retries read the saved report back).
            assertEquals(
                    1,
                    posts.stream()
                            .map(WebhookReceiver.Received::text)
                            .distinct()
                            .count());
            assertEquals(1, receiver.acceptedByEventId().size());
            hook = deliveries(schedule).get(1);
            assertEquals("sent", hook.get("status"));
            assertEquals(3, hook.get("attempts"));
            assertEquals(200, hook.get("response_status"));
            assertNull(hook.get("last_error"));
            Map<String, Object> mail = deliveries(schedule).get(0);
            assertEquals("sent", mail.get("status"));
            assertEquals(1, mail.get("attempts"));
            assertEquals(1, Mails.to(address).size());
        }
    }

    @Test
    void shouldPostTheReportReportApiGeneratedForTheSlotsPeriod() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String secret = SecretBox.newSecret("whsec_");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.secret("/only", secret);
            String[] team = Seeds.team("Hook only");
            String schedule = dueDaily(team, now);
            Seeds.webhook(schedule, receiver.url("/only"), secret, List.of());

            assertEquals(new DispatchResult(1, 1, 0, 0), dispatcher.dispatchDue(now));

            Map<String, Object> row = deliveries(schedule).get(0);
            assertEquals("webhook", row.get("channel"));
            WebhookReceiver.Received post = receiver.received("/only").get(0);
            assertTrue(post.verified());
            assertEquals("application/json", post.contentType());
            // Decimals read as written (12345.678000 stays that), as a receiver keeping money exact reads them.
            ObjectReader exact = json.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
            JsonNode body = exact.readTree(post.body());
            assertEquals("scheduled_report", body.get("type").asText());
            assertEquals(row.get("delivery_id"), body.get("event_id").asText());
            assertEquals(schedule, body.get("schedule_id").asText());
            assertEquals(
                    instant(row.get("scheduled_for")).toString(),
                    body.get("slot").asText());
            assertEquals(team[0], body.get("organization_id").asText());
            assertEquals(team[1], body.get("team_id").asText());
            assertEquals("usage", body.get("report_type").asText());
            assertEquals("daily", body.get("frequency").asText());
            JsonNode period = body.get("period");
            assertEquals(
                    instant(row.get("period_start")).toString(),
                    period.get("start").asText());
            assertEquals(
                    instant(row.get("period_end")).toString(), period.get("end").asText());
            assertEquals("UTC", period.get("timezone").asText());
            // One whole local day before the slot.
            assertEquals(period.get("first_day"), period.get("last_day"));

            // The report is the object report-api answered to generate, asked for exactly this period.
            List<ServeEvent> generate = wireMock.getAllServeEvents().stream()
                    .filter(e -> e.getRequest().getUrl().equals(Stubs.REPORT_API + "/v1/reports/generate"))
                    .filter(e -> e.getRequest().getBodyAsString().contains(team[1]))
                    .toList();
            assertEquals(1, generate.size());
            JsonNode answered = exact.readTree(generate.get(0).getResponse().getBodyAsString());
            assertEquals(
                    exact.treeToValue(answered, Report.class), exact.treeToValue(body.get("report"), Report.class));
            JsonNode asked = json.readTree(generate.get(0).getRequest().getBodyAsString());
            assertEquals(period.get("start").asText(), asked.get("start").asText());
            assertEquals(period.get("end").asText(), asked.get("end").asText());
            assertEquals(row.get("delivery_id"), generate.get(0).getRequest().getHeader("X-Request-Id"));
        }
    }

    @Test
    void shouldFailTheWebhookOfADeletedScheduleAtOnce() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String secret = SecretBox.newSecret("whsec_");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.secret("/gone", secret).answer("/gone", 503);
            String[] team = Seeds.team("Gone");
            String schedule = dueDaily(team, now);
            Seeds.webhook(schedule, receiver.url("/gone"), secret, List.of());
            assertEquals(new DispatchResult(1, 0, 1, 0), dispatcher.dispatchDue(now));
            String id = (String) deliveries(schedule).get(0).get("delivery_id");

            Db.execute("delete from report_schedule where schedule_id = ?", schedule);

            assertEquals(new DispatchResult(0, 0, 0, 1), dispatcher.dispatchDue(now.plusSeconds(40)));
            Map<String, Object> row = Db.one("select * from report_delivery where delivery_id = ?", id);
            assertEquals("failed", row.get("status"));
            assertEquals("the schedule has no webhook any more", row.get("last_error"));
            assertEquals(1, receiver.received("/gone").size());
            assertEquals(1, Stubs.generateCalls(wireMock, team[1]), "no report is made for a webhook that is gone");
        }
    }

    /** A daily schedule at midnight UTC whose slot came a minute ago. */
    private static String dueDaily(String[] team, Instant now) {
        return Seeds.schedule(
                team,
                "daily",
                LocalTime.MIDNIGHT,
                null,
                "UTC",
                1,
                List.of("placeholder@example.com"),
                "none",
                now.minusSeconds(60));
    }

    /** The schedule's deliveries, e-mail first. */
    private static List<Map<String, Object>> deliveries(String schedule) {
        return Db.query("select * from report_delivery where schedule_id = ? order by channel", schedule);
    }

    /** next_attempt_at in [low, high + 5 s]: the attempt's time is the dispatch's plus the whole seconds spent. */
    private static void assertBetween(Map<String, Object> row, Instant low, Instant high) {
        Instant next = instant(row.get("next_attempt_at"));
        high = high.plusSeconds(5);
        assertTrue(!next.isBefore(low) && !next.isAfter(high), next + " in [" + low + ", " + high + "]");
    }

    private static Instant instant(Object value) {
        return DispatcherTest.instant(value);
    }
}
