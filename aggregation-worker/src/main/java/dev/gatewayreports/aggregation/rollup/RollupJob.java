package dev.gatewayreports.aggregation.rollup;

import dev.gatewayreports.model.rollup.WorkQueue;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Polls for pending ingest batches every second (the scheduler's finest step) and folds them while any are waiting (up to a time budget per
 * tick). Exposes throughput and lag at /q/metrics: rollup_events_total, rollup_lag_seconds (age of the oldest
 * pending batch), rollup_pending_batches.
 */
@ApplicationScoped
public class RollupJob {
    private static final Logger LOG = Logger.getLogger(RollupJob.class);

    private final RollupCycle cycle;
    private final RollupConfig config;
    private final AgroalDataSource dataSource;
    private final Counter events;
    private final Timer cycles;
    private final AtomicLong lagMillis = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();

    public RollupJob(RollupCycle cycle, RollupConfig config, AgroalDataSource dataSource, MeterRegistry registry) {
        this.cycle = cycle;
        this.config = config;
        this.dataSource = dataSource;
        this.events = registry.counter("rollup.events");
        this.cycles = registry.timer("rollup.cycle");
        registry.gauge("rollup.lag.seconds", lagMillis, v -> v.get() / 1000.0);
        registry.gauge("rollup.pending.batches", pending, AtomicLong::doubleValue);
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!config.enabled()) {
            return;
        }
        try {
            drain();
            refreshBacklog();
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("rollup cycle failed, its batches stay pending: %s", e.getMessage());
        }
    }

    /** Folds pending batches until none are left or the tick's budget is spent; answers the events folded. */
    public long drain() throws SQLException {
        long deadline = System.currentTimeMillis() + config.tickBudgetMillis();
        long total = 0;
        long folded;
        do {
            Timer.Sample sample = Timer.start();
            folded = cycle.runOnce(config.batchesPerCycle(), () -> {});
            sample.stop(cycles);
            events.increment(Math.max(folded, 0));
            total += Math.max(folded, 0);
        } while (folded >= 0 && System.currentTimeMillis() < deadline);
        return total;
    }

    private void refreshBacklog() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            double[] backlog = WorkQueue.backlog(c);
            lagMillis.set(Math.round(backlog[0] * 1000));
            pending.set((long) backlog[1]);
        }
    }
}
