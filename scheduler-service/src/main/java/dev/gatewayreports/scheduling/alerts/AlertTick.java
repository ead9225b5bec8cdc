package dev.gatewayreports.scheduling.alerts;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.jboss.logging.Logger;

/** The clock: every {@code reports.alerts.every}, evaluate the rules due now. Tests call the evaluator. */
@ApplicationScoped
public class AlertTick {
    private static final Logger LOG = Logger.getLogger(AlertTick.class);

    private final AlertEvaluator evaluator;
    private final Clock clock;

    public AlertTick(AlertEvaluator evaluator, Clock clock) {
        this.evaluator = evaluator;
        this.clock = clock;
    }

    @Scheduled(
            identity = "evaluate-alerts",
            every = "{reports.alerts.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            AlertEvaluator.Result result = evaluator.evaluateDue(clock.instant());
            if (result.events() + result.failed() > 0) {
                LOG.infof(
                        "alerts: %d evaluated, %d failed, %d events",
                        result.evaluated(), result.failed(), result.events());
            }
        } catch (RuntimeException e) {
            LOG.warnf("alert evaluation tick failed, the next one tries again: %s", e.getMessage());
        }
    }
}
