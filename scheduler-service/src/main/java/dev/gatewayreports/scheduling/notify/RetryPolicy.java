package dev.gatewayreports.scheduling.notify;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed webhook (or alert mail) is tried again and when it is given up on ({@code reports.notify.*}): the
 * policy of alert notifications, used as well by scheduled reports' webhooks (scheduling.due).
 */
@ApplicationScoped
public class RetryPolicy {
    private final NotifyConfig config;

    public RetryPolicy(NotifyConfig config) {
        this.config = config;
    }

    /** backoff × 2^(attempts−1) plus up to a quarter of it at random, at most max-backoff. */
    public Duration backoff(int attempts) {
        Duration delay = config.backoff();
        for (int i = 1; i < attempts && delay.compareTo(config.maxBackoff()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        long jitterMillis = ThreadLocalRandom.current().nextLong(delay.toMillis() / 4 + 1);
        delay = delay.plusMillis(jitterMillis);
        return delay.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : delay;
    }

    /**
     * True when no further attempt follows: {@code attempts} have reached max-attempts, or give-up-after has passed
     * since {@code firstAttempt} (null: this is the first).
     */
    public boolean exhausted(int attempts, Instant firstAttempt, Instant now) {
        Instant first = firstAttempt != null ? firstAttempt : now;
        return attempts >= config.maxAttempts() || !now.isBefore(first.plus(config.giveUpAfter()));
    }
}
