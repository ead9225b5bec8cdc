package dev.gatewayreports.scheduling.due;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The scheduler's own metrics. */
@ConfigMapping(prefix = "reports.metrics")
public interface DueMetricsConfig {
    /**
     * How often the due-work gauges (reports_deliveries_due, reports_delivery_oldest_due_seconds,
     * reports_schedules_due) are read, on a timer of their own; {@code off} disables it.
     */
    @WithDefault("15s")
    String dueRefresh();
}
