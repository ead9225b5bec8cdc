package dev.gatewayreports.aggregation.rollup;

import dev.gatewayreports.model.rollup.WorkQueue;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The rollup backlog as it is now, read from {@code ingest_batch} every {@code aggregation.backlog-refresh} on a
 * timer of its own (not after a drain, which under load can take the whole tick budget and more):
 *
 * <ul>
 *   <li>{@code rollup_oldest_pending_seconds}: seconds since the oldest batch not yet rolled up was received, by
 *       the database's clock; 0 when nothing is pending. What an alert should watch.
 *   <li>{@code rollup_lag_seconds}: the same value under the name the benchmark and earlier dashboards read (it
 *       used to be refreshed only after a drain, and under-reported during long ones).
 *   <li>{@code rollup_pending_batches}: how many batches are waiting.
 * </ul>
 *
 * Every worker replica reports the same, shared backlog: aggregate with {@code max}, never {@code sum}. When the
 * database cannot be read the gauges keep their last value (the worker's readiness reports the datasource).
 */
@ApplicationScoped
public class BacklogMonitor {
    private static final Logger LOG = Logger.getLogger(BacklogMonitor.class);

    private final AgroalDataSource dataSource;
    private final AtomicReference<WorkQueue.Backlog> last = new AtomicReference<>(new WorkQueue.Backlog(0, 0));

    public BacklogMonitor(AgroalDataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        Gauge.builder("rollup.oldest.pending.seconds", last, b -> b.get().oldestPendingSeconds())
                .description("Seconds since the oldest ingest batch not yet rolled up was received (0 when none)")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("rollup.lag.seconds", last, b -> b.get().oldestPendingSeconds())
                .description("Same as rollup_oldest_pending_seconds (the name the benchmark reads)")
                .register(registry);
        Gauge.builder("rollup.pending.batches", last, b -> b.get().pendingBatches())
                .description("Ingest batches not yet rolled up")
                .register(registry);
    }

    @Scheduled(
            identity = "rollup-backlog",
            every = "{aggregation.backlog-refresh}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            refresh();
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("could not read the rollup backlog, its gauges keep their last value: %s", e.getMessage());
        }
    }

    /** Reads the backlog now, publishes it to the gauges and answers it. */
    public WorkQueue.Backlog refresh() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            WorkQueue.Backlog now = WorkQueue.backlog(c);
            last.set(now);
            return now;
        }
    }
}
