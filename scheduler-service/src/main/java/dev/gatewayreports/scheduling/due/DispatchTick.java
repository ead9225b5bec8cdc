package dev.gatewayreports.scheduling.due;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.jboss.logging.Logger;

/** The clock: every {@code reports.scheduler.every}, dispatch what is due now. Tests call the dispatcher. */
@ApplicationScoped
public class DispatchTick {
    private static final Logger LOG = Logger.getLogger(DispatchTick.class);

    private final Dispatcher dispatcher;
    private final Clock clock;

    public DispatchTick(Dispatcher dispatcher, Clock clock) {
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    @Scheduled(
            identity = "dispatch-due",
            every = "{reports.scheduler.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        DispatchResult result = dispatcher.dispatchDue(clock.instant());
        if (result.materialised() + result.sent() + result.retried() + result.failed() > 0) {
            LOG.infof(
                    "dispatched: %d new, %d sent, %d to retry, %d failed",
                    result.materialised(), result.sent(), result.retried(), result.failed());
        }
    }
}
