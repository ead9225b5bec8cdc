package dev.gatewayreports.aggregation.rollup;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the worker folds events into rollups, and how long data is kept. */
@ConfigMapping(prefix = "aggregation")
public interface RollupConfig {
    /** Whether this instance folds events (turn off to run the service for its endpoints only). */
    @WithDefault("true")
    boolean enabled();

    /**
     * The events one transaction claims: pending batches are taken oldest first until their events reach this
     * (at least one batch, folded whole), so a fold's memory is bounded whatever the batches' sizes. Sized for the
     * manifest's heap (-Xmx384m of a 768 MiB limit): claims of 200,000 events spread over 30 days ran out of it; of
     * 50,000, peak RSS was 541-544 MB (VmHWM, 500,000 synthetic events of 50 teams over 30 days).
     */
    @WithDefault("50000")
    int eventsPerCycle();

    /** How long one scheduler tick keeps folding while work is waiting, in milliseconds. */
    @WithDefault("5000")
    long tickBudgetMillis();

    /** Raw events older than this many days are dropped (whole daily partitions). */
    @WithDefault("400")
    int rawRetentionDays();

    /** Rollup rows older than this many days are deleted. */
    @WithDefault("1100")
    int rollupRetentionDays();

    /**
     * {@code statement_timeout} of a rebuild's and the retention's statements (a PostgreSQL duration; their
     * transactions set it locally), longer than the connections' {@code reports.database.statement-timeout}: a
     * rebuild of one UTC day at 333k events (the benchmark's 10M events / 30 days) took 14.4 s in all.
     */
    @WithDefault("10min")
    String maintenanceStatementTimeout();

    /**
     * How often the backlog gauges (rollup_oldest_pending_seconds, rollup_lag_seconds, rollup_pending_batches) are
     * read from the database, on a timer of their own: a long drain never holds them back.
     */
    @WithDefault("2s")
    String backlogRefresh();

    /**
     * The health check {@code rollup-backlog} (in /q/health, not in readiness) is DOWN while the oldest pending
     * batch is older than this.
     */
    @WithDefault("PT5M")
    Duration maxPendingAge();
}
