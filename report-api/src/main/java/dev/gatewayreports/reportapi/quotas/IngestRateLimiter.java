package dev.gatewayreports.reportapi.quotas;

import dev.gatewayreports.reportapi.errors.QuotaExceededException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Ingest requests and events per credential in fixed windows (off unless configured). One upsert per request,
 * not per event; the count lives in PostgreSQL, so every replica enforces the same limit.
 */
@ApplicationScoped
public class IngestRateLimiter {
    private final QuotaRepository repository;
    private final QuotaConfig.Ingest config;
    private final Clock clock;

    public IngestRateLimiter(QuotaRepository repository, QuotaConfig config, Clock clock) {
        this.repository = repository;
        this.config = config.ingest();
        this.clock = clock;
    }

    /** Counts one request of {@code events} events for {@code credential}, or throws 429 when it would not fit. */
    public void take(String credential, int events) {
        long maxRequests = config.requestsPerKey() > 0 ? config.requestsPerKey() : Long.MAX_VALUE;
        long maxEvents = config.eventsPerKey() > 0 ? config.eventsPerKey() : Long.MAX_VALUE;
        if (maxRequests == Long.MAX_VALUE && maxEvents == Long.MAX_VALUE) {
            return;
        }
        Instant now = clock.instant();
        long windowMillis = config.window().toMillis();
        Instant windowStart = Instant.ofEpochMilli(now.toEpochMilli() / windowMillis * windowMillis);
        if (events > maxEvents) {
            throw new QuotaExceededException(
                    "events_per_key",
                    "one request of " + events + " events exceeds the limit of " + maxEvents + " events per "
                            + config.window() + "; send smaller batches",
                    seconds(now, windowStart.plus(config.window())));
        }
        if (!repository.takeIngest(credential, windowStart, events, maxRequests, maxEvents)) {
            long[] used = repository.ingestCounts(credential, windowStart);
            boolean requests = used[0] + 1 > maxRequests;
            throw new QuotaExceededException(
                    requests ? "requests_per_key" : "events_per_key",
                    "ingest rate limit of this credential reached: at most "
                            + (requests ? maxRequests + " requests" : maxEvents + " events") + " per "
                            + config.window() + " (used " + (requests ? used[0] : used[1]) + "); retry later",
                    seconds(now, windowStart.plus(config.window())));
        }
    }

    private static long seconds(Instant now, Instant until) {
        return (long) Math.ceil(Duration.between(now, until).toMillis() / 1000.0);
    }
}
