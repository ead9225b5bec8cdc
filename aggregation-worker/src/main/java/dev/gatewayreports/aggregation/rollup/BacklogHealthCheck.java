package dev.gatewayreports.aggregation.rollup;

import dev.gatewayreports.model.rollup.WorkQueue;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * {@code rollup-backlog} in /q/health (and /q/health/well): DOWN while the oldest pending batch is older than
 * {@code aggregation.max-pending-age}, with the age, the count and the threshold as data.
 *
 * <p>A wellness check on purpose, not a readiness one: the worker serves no traffic, so taking it out of its
 * Service would change nothing, and a backlog is shared by every replica — readiness DOWN on all of them at once
 * would only hide the workers that are needed to catch up (and make the Deployment look broken during a rollout).
 * Kubernetes' probes read /q/health/live and /q/health/ready, which this check is not part of; operators and the
 * {@code RollupBacklogOld} alert read /q/health or {@code rollup_oldest_pending_seconds}.
 */
@Wellness
@ApplicationScoped
public class BacklogHealthCheck implements HealthCheck {
    static final String NAME = "rollup-backlog";

    private final BacklogMonitor monitor;
    private final RollupConfig config;

    public BacklogHealthCheck(BacklogMonitor monitor, RollupConfig config) {
        this.monitor = monitor;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        long threshold = config.maxPendingAge().toSeconds();
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named(NAME).withData("max_pending_age_seconds", threshold);
        try {
            WorkQueue.Backlog backlog = monitor.refresh();
            return response.status(backlog.oldestPendingSeconds() <= threshold)
                    .withData("oldest_pending_seconds", Math.round(backlog.oldestPendingSeconds()))
                    .withData("pending_batches", backlog.pendingBatches())
                    .build();
        } catch (SQLException | RuntimeException e) {
            return response.down()
                    .withData("error", "the backlog could not be read")
                    .build();
        }
    }
}
