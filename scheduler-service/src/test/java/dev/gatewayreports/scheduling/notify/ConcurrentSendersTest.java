package dev.gatewayreports.scheduling.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.model.secrets.SecretBox;
import dev.gatewayreports.scheduling.support.AlertSeeds;
import dev.gatewayreports.scheduling.support.GreenMailResource;
import dev.gatewayreports.scheduling.support.Mails;
import dev.gatewayreports.scheduling.support.Seeds;
import dev.gatewayreports.scheduling.support.WebhookReceiver;
import dev.gatewayreports.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Exactly once with several senders: three senders (as three replicas would, each on its own pooled connections)
 * run at once, several times over, across many due notifications of three organizations; the receiver counts
 * accepted deliveries by event id, GreenMail counts mails per address.
 */
@QuarkusTest
class ConcurrentSendersTest {
    static final Instant WINDOW_END = Instant.parse("2026-12-02T19:05:00Z");

    @Inject
    NotificationSender sender;

    @Inject
    NotificationRepository repository;

    @BeforeEach
    void setUp() {
        AlertSeeds.clear();
        GreenMailResource.startServer();
    }

    @Test
    void shouldDeliverEachNotificationExactlyOnceWithThreeSendersAtOnce() throws Exception {
        int organizations = 3;
        int eventsEach = 20;
        Instant now = Instant.now();
        Set<String> events = new HashSet<>();
        List<String> addresses = new ArrayList<>();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            for (int o = 0; o < organizations; o++) {
                String[] team = Seeds.team("Team " + o);
                String secret = SecretBox.newSecret("whsec_");
                String path = "/org" + o;
                receiver.secret(path, secret);
                String address = Seeds.id("ops") + "@example.com";
                addresses.add(address);
                String alert = AlertSeeds.rule(AlertSeeds.Rule.cost(team, "Cost " + o, "100")
                        .webhook(receiver.url(path), secret)
                        .recipients(List.of(address)));
                for (int e = 0; e < eventsEach; e++) {
                    String event = AlertSeeds.event(
                            alert,
                            "fired",
                            "e" + e,
                            "150." + e,
                            "100",
                            null,
                            WINDOW_END.minus(Duration.ofDays(1)),
                            WINDOW_END,
                            WINDOW_END);
                    events.add(event);
                    AlertSeeds.notification(event, "webhook", receiver.url(path), now.minusSeconds(e));
                    AlertSeeds.notification(event, "email", address, now.minusSeconds(e));
                }
            }
            int total = organizations * eventsEach * 2;

            List<NotifyResult> results = runConcurrently(3, 3, now);

            int sent = results.stream().mapToInt(NotifyResult::sent).sum();
            assertEquals(total, sent, "every notification sent by exactly one sender: " + results);
            assertEquals(
                    0, results.stream().mapToInt(r -> r.retried() + r.failed()).sum());
            Map<String, Integer> accepted = receiver.acceptedByEventId();
            assertEquals(events, accepted.keySet());
            accepted.forEach((event, times) -> assertEquals(1, times, event + " delivered " + times + " times"));
            assertEquals(organizations * eventsEach, receiver.received().size(), "no second POST of any event");
            assertTrue(receiver.received().stream().allMatch(WebhookReceiver.Received::verified));
            for (String address : addresses) {
                assertEquals(eventsEach, Mails.to(address).size(), address);
            }
            assertEquals(
                    total,
                    Db.count("select count(*) from alert_notification where status = 'sent' and attempts = 1"
                            + " and locked_until is null and sent_at is not null"));
        }
    }

    @Test
    void shouldClaimEveryOrganizationsOldestBeforeAnyOrganizationsSecond() {
        Instant now = Instant.now();
        String[] busy = Seeds.team("Busy");
        String[] quiet = Seeds.team("Quiet");
        String busyAlert = AlertSeeds.rule(AlertSeeds.Rule.cost(busy, "Busy", "1"));
        String quietAlert = AlertSeeds.rule(AlertSeeds.Rule.cost(quiet, "Quiet", "1"));
        for (int i = 0; i < 30; i++) {
            String event = AlertSeeds.event(
                    busyAlert, "fired", "e" + i, "2", "1", null, WINDOW_END.minusSeconds(3600), WINDOW_END, WINDOW_END);
            AlertSeeds.notification(event, "email", "busy" + i + "@example.com", now.minusSeconds(600 - i));
        }
        String quietEvent = AlertSeeds.event(
                quietAlert, "fired", "e1", "2", "1", null, WINDOW_END.minusSeconds(3600), WINDOW_END, WINDOW_END);
        String quietOne = AlertSeeds.notification(quietEvent, "email", "quiet@example.com", now);

        List<ClaimedNotification> claimed = repository.claim(now, now.plusSeconds(120), 5);

        assertEquals(5, claimed.size());
        assertTrue(
                claimed.stream().anyMatch(n -> n.notificationId().equals(quietOne)),
                "the quiet organization's one notification is in the first batch");
        assertEquals(quietOne, claimed.get(1).notificationId(), "taken in turns: busy's oldest, quiet's, busy's next…");
        // Leased: a second claim sees none of them.
        Set<String> again = new HashSet<>();
        repository.claim(now, now.plusSeconds(120), 100).forEach(n -> again.add(n.notificationId()));
        claimed.forEach(n -> assertTrue(!again.contains(n.notificationId())));
        assertEquals(26, again.size());
    }

    /** {@code senders} threads, each running dispatchDue {@code rounds} times, started together. */
    private List<NotifyResult> runConcurrently(int senders, int rounds, Instant now) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<NotifyResult>> futures = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                Callable<NotifyResult> run = () -> {
                    start.await();
                    NotifyResult total = NotifyResult.NONE;
                    for (int r = 0; r < rounds; r++) {
                        total = total.plus(sender.dispatchDue(now));
                    }
                    return total;
                };
                futures.add(pool.submit(run));
            }
            start.countDown();
            List<NotifyResult> results = new ArrayList<>();
            for (Future<NotifyResult> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
