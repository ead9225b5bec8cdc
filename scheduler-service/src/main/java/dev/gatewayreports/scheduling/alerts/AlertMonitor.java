package dev.gatewayreports.scheduling.alerts;

import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Reads the alert gauges ({@code reports_alerts_firing}, {@code reports_alert_oldest_due_seconds}) every
 * {@code reports.metrics.due-refresh}; created at start so every alert meter is listed from the first scrape.
 */
@Startup
@ApplicationScoped
public class AlertMonitor {
    private static final Logger LOG = Logger.getLogger(AlertMonitor.class);

    private final AlertRepository repository;
    private final AlertMetrics metrics;
    private final Clock clock;

    public AlertMonitor(AlertRepository repository, AlertMetrics metrics, Clock clock) {
        this.repository = repository;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Scheduled(
            identity = "alert-metrics",
            every = "{reports.metrics.due-refresh}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            refresh(clock.instant());
        } catch (RuntimeException e) {
            LOG.warnf("could not read the alert gauges, they keep their last value: %s", e.getMessage());
        }
    }

    /** Reads the firing rules and the most overdue rule at {@code now} and publishes them. */
    public void refresh(Instant now) {
        metrics.gauges(repository.firing(), repository.oldestDueSeconds(now));
    }
}
