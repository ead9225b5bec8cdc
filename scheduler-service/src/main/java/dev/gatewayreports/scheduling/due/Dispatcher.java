package dev.gatewayreports.scheduling.due;

import dev.gatewayreports.model.report.Report;
import dev.gatewayreports.model.schedules.Recipients;
import dev.gatewayreports.model.schedules.ScheduleRule;
import dev.gatewayreports.scheduling.delivery.DeliveryFailure;
import dev.gatewayreports.scheduling.delivery.ReportDelivery;
import dev.gatewayreports.scheduling.notify.RetryPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Sends every due report once. Due schedules become delivery rows (one per slot and channel, in the transaction
 * that moves the schedule to its next slot); deliveries are then claimed with a lease, committed, and only then
 * produced and mailed or POSTed to the schedule's webhook, so any number of replicas can run this at once. The
 * channels of a slot are separate rows: each is sent, retried and failed on its own. Mail is retried with {@code
 * reports.scheduler.*}'s backoff, webhooks with the alert webhooks' {@link RetryPolicy}.
 */
@ApplicationScoped
public class Dispatcher {
    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private final DueRepository repository;
    private final ReportDelivery delivery;
    private final ReportWebhook webhook;
    private final RetryPolicy webhookRetries;
    private final SchedulerConfig config;
    private final MeterRegistry metrics;

    public Dispatcher(
            DueRepository repository,
            ReportDelivery delivery,
            ReportWebhook webhook,
            RetryPolicy webhookRetries,
            SchedulerConfig config,
            MeterRegistry metrics) {
        this.repository = repository;
        this.delivery = delivery;
        this.webhook = webhook;
        this.webhookRetries = webhookRetries;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Materialises the schedules due at {@code now}, then sends the deliveries due. Leases, backoff and sent_at are
     * reckoned from {@code now} plus the time this call has really spent, so a long batch neither hands out leases
     * that have already run out nor schedules retries in the past.
     */
    public DispatchResult dispatchDue(Instant now) {
        long started = System.nanoTime();
        int materialised = materialiseDue(now);
        DispatchResult result = new DispatchResult(materialised, 0, 0, 0);
        List<ClaimedDelivery> claimed;
        do {
            Instant at = elapsed(now, started);
            claimed = repository.claim(at, at.plus(config.lease()), config.batchSize());
            for (ClaimedDelivery d : claimed) {
                Timer.Sample attempt = Timer.start();
                DispatchResult one = send(d, now, started);
                if (one != null) {
                    count(one, attempt);
                    result = result.plus(one);
                }
            }
        } while (claimed.size() == config.batchSize());
        return result;
    }

    /** {@code now} plus the whole seconds this call has spent (leases and backoff need no finer grain). */
    private static Instant elapsed(Instant now, long started) {
        return now.plusSeconds(Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }

    /** Renews the lease by the time really spent; false when another replica has taken the delivery over. */
    private boolean holdLease(ClaimedDelivery d, Instant now, long started) {
        if (repository.renewLease(d, elapsed(now, started).plus(config.lease()))) {
            return true;
        }
        LOG.infof("delivery %s: lease taken over by another replica, not sending", d.deliveryId());
        return false;
    }

    /** Turns due schedules into deliveries, batch by batch; answers how many deliveries were made. */
    int materialiseDue(Instant now) {
        int made = 0;
        int seen;
        do {
            int[] batch = repository.inTransaction(c -> {
                List<DueSchedule> due = repository.lockDue(c, now, config.batchSize());
                int inserted = 0;
                for (DueSchedule s : due) {
                    inserted += materialise(c, s, now);
                }
                return new int[] {due.size(), inserted};
            });
            seen = batch[0];
            made += batch[1];
        } while (seen == config.batchSize());
        return made;
    }

    /**
     * One due schedule: its slot's deliveries, one per channel (unless made already), and its next slot after now;
     * answers how many deliveries were made.
     */
    private int materialise(Connection c, DueSchedule s, Instant now) throws SQLException {
        ScheduleRule rule;
        try {
            rule = s.rule();
        } catch (RuntimeException e) {
            // A zone this JVM no longer knows, say: skip a day rather than block the batch at every tick.
            LOG.errorf("schedule %s cannot run: %s", s.scheduleId(), DeliveryFailure.describe(e));
            repository.advance(c, s.scheduleId(), now.plus(Duration.ofDays(1)));
            return 0;
        }
        // After downtime the missed runs are sent once, as the newest missed slot (its period is the one a reader
        // expects), and the next slot is the first after now.
        Instant newest = rule.latestAtOrBefore(now);
        Instant slot = newest.isAfter(s.nextRunAt()) ? newest : s.nextRunAt();
        int inserted = repository.insertDeliveries(c, s, slot, now);
        repository.advance(c, s.scheduleId(), rule.nextAfter(now));
        return inserted;
    }

    /** One attempt; null when another replica holds the delivery now. */
    private DispatchResult send(ClaimedDelivery d, Instant now, long started) {
        if (!holdLease(d, now, started)) {
            return null;
        }
        if (d.webhook() != null) {
            return sendWebhook(d, now, started);
        }
        Optional<String> outside = Recipients.outsideDomains(d.request().recipients(), d.allowedDomains());
        if (outside.isPresent()) {
            // Made before the organization restricted its recipient domains: never mailed outside them.
            return fail(
                    d,
                    elapsed(now, started),
                    "recipients: " + outside.get() + " is not in a domain the organization allows",
                    true);
        }
        String reportId;
        try {
            // A retry mails the report its first attempt saved; a first attempt records the one it saves. The
            // lease is renewed again right before the mail goes out: making the report may have taken long.
            reportId = delivery.deliver(
                    d.request(), d.savedReportId(), saved -> recordReport(d, saved), () -> holdLease(d, now, started));
        } catch (ReportDelivery.LeaseLost e) {
            return null;
        } catch (DeliveryFailure e) {
            return fail(d, elapsed(now, started), e.getMessage(), e.permanent());
        } catch (RuntimeException e) {
            return fail(d, elapsed(now, started), DeliveryFailure.describe(e), false);
        }
        Instant sentAt = elapsed(now, started);
        markSent(d, sentAt, reportId, null);
        recordDelay(d, sentAt);
        return new DispatchResult(0, 1, 0, 0);
    }

    /**
     * One attempt of a webhook delivery: the schedule's secret, the report (the one an earlier attempt saved, else
     * a new saved one), the lease renewed, then the signed POST. A refused or rejected target fails at once; 408, 429, 5xx and no answer
     * are retried by the alert webhooks' policy.
     */
    private DispatchResult sendWebhook(ClaimedDelivery d, Instant now, long started) {
        String reportId;
        int status;
        try {
            String secret = webhook.secret(d);
            Report report = delivery.report(d.request(), d.savedReportId(), saved -> recordReport(d, saved));
            reportId = report.reportId() != null ? report.reportId() : d.savedReportId();
            if (!holdLease(d, now, started)) {
                return null;
            }
            status = webhook.post(d, secret, report, elapsed(now, started));
        } catch (DeliveryFailure e) {
            return failWebhook(d, elapsed(now, started), e.getMessage(), e.permanent(), e.status());
        } catch (RuntimeException e) {
            return failWebhook(d, elapsed(now, started), DeliveryFailure.describe(e), false, 0);
        }
        Instant sentAt = elapsed(now, started);
        markSent(d, sentAt, reportId, status);
        recordDelay(d, sentAt);
        return new DispatchResult(0, 1, 0, 0);
    }

    /** A failed webhook attempt: retried unless permanent or the alert webhooks' policy gives up. */
    private DispatchResult failWebhook(ClaimedDelivery d, Instant now, String error, boolean permanent, int status) {
        Integer responseStatus = status == 0 ? null : status;
        boolean exhausted = webhookRetries.exhausted(d.attempts(), d.firstAttemptAt(), now);
        if (permanent || exhausted) {
            String logged = permanent ? error : error + " (gave up after " + d.attempts() + " attempts)";
            LOG.warnf("delivery %s (webhook) failed after %d attempt(s): %s", d.deliveryId(), d.attempts(), error);
            repository.markFailed(d, DeliveryFailure.shorten(logged), responseStatus);
            return new DispatchResult(0, 0, 0, 1);
        }
        Instant next = now.plus(webhookRetries.backoff(d.attempts()));
        LOG.infof(
                "delivery %s (webhook) attempt %d failed, retrying at %s: %s",
                d.deliveryId(), d.attempts(), next, error);
        repository.markRetry(d, next, DeliveryFailure.shorten(error), responseStatus);
        return new DispatchResult(0, 0, 1, 0);
    }

    /**
     * Records a mail the server (or a webhook the receiver) has accepted. Never turns it into a retry: if the
     * database is briefly away this tries three times, and should all fail the row stays {@code sending} until its
     * lease ends (then, and only then, it can be sent again — the at-least-once edge of SMTP and webhooks).
     */
    private void markSent(ClaimedDelivery d, Instant sentAt, String reportId, Integer responseStatus) {
        for (int i = 1; i <= 3; i++) {
            try {
                if (!repository.markSent(d, sentAt, reportId, responseStatus)) {
                    LOG.warnf("delivery %s was sent but its lease had been taken over", d.deliveryId());
                }
                return;
            } catch (RuntimeException e) {
                LOG.warnf("delivery %s was sent; recording it failed (%d of 3): %s", d.deliveryId(), i, e.toString());
                pause(Duration.ofSeconds(i));
            }
        }
        LOG.errorf("delivery %s was sent but could not be recorded; it may be sent again", d.deliveryId());
    }

    /** Keeps the saved report's id for a retry; if that fails, a retry merely makes a new report. */
    private void recordReport(ClaimedDelivery d, String reportId) {
        try {
            repository.recordReport(d, reportId);
        } catch (RuntimeException e) {
            LOG.warnf("delivery %s: could not record its saved report %s: %s", d.deliveryId(), reportId, e.toString());
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A failed attempt: retried after the backoff while {@code give-up-after} has not passed since the first
     * attempt (an SMTP server away for hours delays the mail, it does not lose it), failed otherwise.
     */
    private DispatchResult fail(ClaimedDelivery d, Instant now, String error, boolean permanent) {
        Instant firstAttempt = d.firstAttemptAt() != null ? d.firstAttemptAt() : now;
        if (permanent || !now.isBefore(firstAttempt.plus(config.giveUpAfter()))) {
            LOG.warnf("delivery %s failed after %d attempt(s): %s", d.deliveryId(), d.attempts(), error);
            repository.markFailed(d, error, null);
            return new DispatchResult(0, 0, 0, 1);
        }
        Instant next = now.plus(backoff(d.attempts()));
        LOG.infof("delivery %s attempt %d failed, retrying at %s: %s", d.deliveryId(), d.attempts(), next, error);
        repository.markRetry(d, next, error, null);
        return new DispatchResult(0, 0, 1, 0);
    }

    /**
     * reports_deliveries_total{outcome=sent|retried|failed}: what each attempt came to ({@code retried}: it failed
     * and will be tried again; {@code failed}: given up, no attempt follows); reports_delivery_attempt_seconds
     * {outcome}: how long the attempt took (the report from report-api, the mail). An attempt whose lease another
     * replica took over counts in neither.
     */
    private void count(DispatchResult one, Timer.Sample attempt) {
        String outcome = one.sent() > 0 ? "sent" : one.retried() > 0 ? "retried" : "failed";
        metrics.counter("reports.deliveries", "outcome", outcome).increment();
        attempt.stop(Timer.builder("reports.delivery.attempt")
                .description("One delivery attempt: the report from report-api and the mail, by outcome")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(metrics));
    }

    /**
     * reports_delivery_delay_seconds: from when a sent delivery became due (its schedule's slot, or an ad-hoc
     * send's first attempt) to the mail accepted, retries included.
     */
    private void recordDelay(ClaimedDelivery d, Instant sentAt) {
        if (d.dueSince() != null && !sentAt.isBefore(d.dueSince())) {
            Timer.builder("reports.delivery.delay")
                    .description("From a delivery's due time (schedule slot, or first attempt) to the mail sent")
                    .serviceLevelObjectives(
                            Duration.ofMinutes(1),
                            Duration.ofMinutes(5),
                            Duration.ofMinutes(15),
                            Duration.ofHours(1),
                            Duration.ofHours(6),
                            Duration.ofDays(1))
                    .register(metrics)
                    .record(Duration.between(d.dueSince(), sentAt));
        }
    }

    /** backoff × 2^(attempts−1), at most max-backoff. */
    Duration backoff(int attempts) {
        Duration delay = config.backoff();
        for (int i = 1; i < attempts && delay.compareTo(config.maxBackoff()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : delay;
    }
}
