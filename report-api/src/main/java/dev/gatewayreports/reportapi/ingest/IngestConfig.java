package dev.gatewayreports.reportapi.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Limits of {@code POST /v1/usage/events}. */
@ConfigMapping(prefix = "reports.ingest")
public interface IngestConfig {
    /** Most events in one request; more answers 413. */
    @WithDefault("10000")
    int maxEvents();

    /** Largest request body in bytes; larger answers 413. */
    @WithDefault("10485760")
    int maxBodyBytes();

    /** How far in the future occurred_at may be (clock skew); later is rejected. */
    @WithDefault("PT24H")
    Duration maxFuture();

    /** How far in the past occurred_at may be; older is rejected (keep it within the raw-event retention). */
    @WithDefault("P400D")
    Duration maxAge();

    /** How many days of partitions to keep created ahead of today. */
    @WithDefault("7")
    int partitionsAheadDays();
}
