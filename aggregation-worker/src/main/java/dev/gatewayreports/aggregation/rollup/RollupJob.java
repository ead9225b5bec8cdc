package dev.gatewayreports.aggregation.rollup;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import org.jboss.logging.Logger;

/**
 * Polls for pending ingest batches every second (the scheduler's finest step) and folds them while any are waiting,
 * a time budget at a time with the kept lists' repair between budgets. Exposes throughput at /q/metrics:
 * rollup_events_total, rollup_cycle_seconds; the backlog gauges are {@link BacklogMonitor}'s, refreshed on a timer of
 * their own so a long drain cannot hold them back.
 */
@ApplicationScoped
public class RollupJob {
    private static final Logger LOG = Logger.getLogger(RollupJob.class);

    private final RollupCycle cycle;
    private final RollupConfig config;
    private final Counter events;
    private final Timer cycles;

    public RollupJob(RollupCycle cycle, RollupConfig config, MeterRegistry registry) {
        this.cycle = cycle;
        this.config = config;
        this.events = registry.counter("rollup.events");
        this.cycles = registry.timer("rollup.cycle");
    }

    /** Set at shutdown: the tick ends after the claim it is folding. */
    private volatile boolean stopping;

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /**
     * Folds while work is waiting: a tick budget of folds, the repair, and again, without waiting for the scheduler's
     * next check (it checks once a second, so a tick that ends waits up to a second: about a tenth of a drain's time at
     * the 5 s budget).
     */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!config.enabled()) {
            return;
        }
        boolean more;
        do {
            try {
                more = drainBudget().more();
            } catch (SQLException | RuntimeException e) {
                LOG.warnf("rollup cycle failed, its batches stay pending: %s", e.getMessage());
                return;
            }
            try {
                // Batches folded by a worker of an older version (a rolling update) without their slowest requests
                // (before V37) or newest errors (before V38): one transaction of up to 20 batches per budget, so
                // folding always comes first (a rollout leaves a few claims' worth). One indexed probe per list when
                // there are none.
                cycle.repairKept();
            } catch (SQLException | RuntimeException e) {
                LOG.warnf("kept-lists repair failed, its batches stay as they were: %s", e.getMessage());
            }
        } while (more && !stopping);
    }

    /** Folds pending batches until none are left or the tick's budget is spent; answers the events folded. */
    public long drain() throws SQLException {
        return drainBudget().events();
    }

    /** What one budget of folds did: the events folded, and whether work was still waiting when it ended. */
    private record Drained(long events, boolean more) {}

    private Drained drainBudget() throws SQLException {
        long deadline = System.nanoTime() + config.tickBudgetMillis() * 1_000_000L;
        long total = 0;
        long folded;
        do {
            Timer.Sample sample = Timer.start();
            folded = cycle.runOnce(config.eventsPerCycle(), () -> {});
            sample.stop(cycles);
            events.increment(Math.max(folded, 0));
            total += Math.max(folded, 0);
        } while (folded >= 0 && System.nanoTime() - deadline < 0 && !stopping);
        return new Drained(total, folded >= 0);
    }
}
