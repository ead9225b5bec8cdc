package dev.gatewayreports.scheduling.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewayreports.scheduling.delivery.DeliveryFailure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Sends every due alert notification once: claimed with a lease (committed before anything is sent, so any number
 * of replicas can run this), the lease renewed right before the send, the outcome written under the attempt-number
 * guard. E-mail through {@link AlertMailer}; webhooks POSTed with an HMAC-SHA256 signature (docs/webhooks.md).
 * 2xx is sent; 408, 429, 5xx, timeouts and connection errors are retried with exponential backoff and jitter until
 * {@code max-attempts} or {@code give-up-after}; any other answer fails at once.
 */
@ApplicationScoped
public class NotificationSender {
    private static final Logger LOG = Logger.getLogger(NotificationSender.class);

    private final NotificationRepository repository;
    private final AlertMailer mailer;
    private final WebhookCall webhooks;
    private final RetryPolicy retries;
    private final ObjectMapper json;
    private final NotifyConfig config;
    private final MeterRegistry metrics;

    public NotificationSender(
            NotificationRepository repository,
            AlertMailer mailer,
            WebhookCall webhooks,
            RetryPolicy retries,
            ObjectMapper json,
            NotifyConfig config,
            MeterRegistry metrics) {
        this.repository = repository;
        this.mailer = mailer;
        this.webhooks = webhooks;
        this.retries = retries;
        this.json = json;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * reports_alert_notifications_total{channel=email|webhook, outcome=sent|retried|failed}: what each attempt came
     * to; an attempt whose lease another replica took over counts in none. Registered at start, at zero, so the
     * series exist before the first alert (alert rules and dashboards can read them).
     */
    void registerMeters(@Observes StartupEvent event) {
        for (String channel : List.of("email", "webhook")) {
            for (String outcome : List.of("sent", "retried", "failed")) {
                counter(channel, outcome);
            }
        }
    }

    private Counter counter(String channel, String outcome) {
        return Counter.builder("reports.alert.notifications")
                .description("Alert notification attempts by channel and outcome")
                .tag("channel", channel)
                .tag("outcome", outcome)
                .register(metrics);
    }

    /** One attempt's outcome: the receiver's HTTP status (webhooks) and, unless sent, why not. */
    private record Outcome(boolean sent, boolean permanent, Integer status, String error) {
        static Outcome sent(Integer status) {
            return new Outcome(true, false, status, null);
        }

        static Outcome failed(DeliveryFailure e, Integer status) {
            return new Outcome(false, e.permanent(), status, e.getMessage());
        }
    }

    /**
     * Sends the notifications due at {@code now}, batch by batch. Leases, backoff, sent_at and the signature's
     * timestamp are reckoned from {@code now} plus the time this call has really spent.
     */
    public NotifyResult dispatchDue(Instant now) {
        long started = System.nanoTime();
        NotifyResult result = NotifyResult.NONE;
        List<ClaimedNotification> claimed;
        do {
            Instant at = elapsed(now, started);
            claimed = repository.claim(at, at.plus(config.lease()), config.batchSize());
            for (ClaimedNotification n : claimed) {
                NotifyResult one = send(n, now, started);
                if (one != null) {
                    counter(n.channel(), outcome(one)).increment();
                    result = result.plus(one);
                }
            }
        } while (claimed.size() == config.batchSize());
        return result;
    }

    /** One attempt; null when another replica holds the notification now. */
    private NotifyResult send(ClaimedNotification n, Instant now, long started) {
        if (!repository.renewLease(n, elapsed(now, started).plus(config.lease()))) {
            LOG.infof("notification %s: lease taken over by another replica, not sending", n.notificationId());
            return null;
        }
        Outcome outcome;
        try {
            outcome = attempt(n, elapsed(now, started));
        } catch (DeliveryFailure e) {
            outcome = Outcome.failed(e, e.status() == 0 ? null : e.status());
        } catch (RuntimeException e) {
            outcome = new Outcome(false, false, null, DeliveryFailure.describe(e));
        }
        Instant at = elapsed(now, started);
        if (outcome.sent()) {
            markSent(n, at, outcome.status());
            return new NotifyResult(1, 0, 0);
        }
        return fail(n, at, outcome);
    }

    private Outcome attempt(ClaimedNotification n, Instant at) {
        if (n.rule() == null) {
            throw new DeliveryFailure("the alert rule is gone", true);
        }
        if (n.email()) {
            mailer.send(n);
            return Outcome.sent(null);
        }
        if (n.rule().webhookSecretEnc() == null) {
            throw new DeliveryFailure("the rule has no webhook any more", true);
        }
        // A rotated secret signs the next attempt: it is read from the rule as it is now.
        String secret = webhooks.secret(n.alertId(), n.rule().webhookSecretEnc());
        return Outcome.sent(webhooks.post(n.target(), secret, n.eventId(), body(n), at));
    }

    private byte[] body(ClaimedNotification n) {
        try {
            return json.writeValueAsBytes(WebhookBody.of(n));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the webhook body does not serialise", e);
        }
    }

    /**
     * Records an accepted send. Never turns it into a retry: if the database is briefly away this tries three
     * times; should all fail, the row stays {@code sending} until its lease ends and is then sent again (receivers
     * dedupe by event id: the at-least-once edge).
     */
    private void markSent(ClaimedNotification n, Instant sentAt, Integer status) {
        for (int i = 1; i <= 3; i++) {
            try {
                if (!repository.markSent(n, sentAt, status)) {
                    LOG.warnf("notification %s was sent but its lease had been taken over", n.notificationId());
                }
                return;
            } catch (RuntimeException e) {
                LOG.warnf("notification %s was sent; recording it failed (%d of 3): %s", n.notificationId(), i, e);
                try {
                    Thread.sleep(Duration.ofSeconds(i));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** A failed attempt: retried after the backoff unless permanent, the attempts are used up, or time is. */
    private NotifyResult fail(ClaimedNotification n, Instant now, Outcome outcome) {
        boolean exhausted = retries.exhausted(n.attempts(), n.firstAttemptAt(), now);
        if (outcome.permanent() || exhausted) {
            String error = outcome.permanent()
                    ? outcome.error()
                    : outcome.error() + " (gave up after " + n.attempts() + " attempts)";
            LOG.warnf(
                    "notification %s (%s, alert %s) failed after %d attempt(s): %s",
                    n.notificationId(), n.channel(), n.alertId(), n.attempts(), outcome.error());
            repository.markFailed(n, DeliveryFailure.shorten(error), outcome.status());
            return new NotifyResult(0, 0, 1);
        }
        Instant next = now.plus(retries.backoff(n.attempts()));
        LOG.infof(
                "notification %s (%s) attempt %d failed, retrying at %s: %s",
                n.notificationId(), n.channel(), n.attempts(), next, outcome.error());
        repository.markRetry(n, next, DeliveryFailure.shorten(outcome.error()), outcome.status());
        return new NotifyResult(0, 1, 0);
    }

    private static String outcome(NotifyResult one) {
        return one.sent() > 0 ? "sent" : one.retried() > 0 ? "retried" : "failed";
    }

    /** {@code now} plus the whole seconds this call has spent. */
    private static Instant elapsed(Instant now, long started) {
        return now.plusSeconds(Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }
}
