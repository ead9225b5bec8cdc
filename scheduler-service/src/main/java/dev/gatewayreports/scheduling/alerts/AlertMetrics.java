package dev.gatewayreports.scheduling.alerts;

import dev.gatewayreports.model.alerts.AlertEventKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The evaluator's meters, all registered up front (so /q/metrics lists them before the first evaluation):
 *
 * <ul>
 *   <li>{@code reports_alert_evaluations_total}: rule evaluations that were written;
 *   <li>{@code reports_alert_evaluation_errors_total}: evaluations that failed (an unknown zone, a failed query);
 *   <li>{@code reports_alert_events_total{kind}}: events recorded (fired, resolved, budget_50/80/100, forecast);
 *   <li>{@code reports_alerts_firing}: enabled rules firing now (gauge, shared state: aggregate with max);
 *   <li>{@code reports_alert_oldest_due_seconds}: how long the most overdue rule no evaluator holds has waited.
 * </ul>
 */
public final class AlertMetrics {
    private final Counter evaluations;
    private final Counter errors;
    private final Map<AlertEventKind, Counter> events;
    private final AtomicReference<double[]> gauges = new AtomicReference<>(new double[2]);

    public AlertMetrics(MeterRegistry registry) {
        evaluations = Counter.builder("reports.alert.evaluations")
                .description("Alert rule evaluations written")
                .register(registry);
        errors = Counter.builder("reports.alert.evaluation.errors")
                .description("Alert rule evaluations that failed (logged; the rule is evaluated again next minute)")
                .register(registry);
        events = new EnumMap<>(AlertEventKind.class);
        for (AlertEventKind kind : AlertEventKind.values()) {
            events.put(
                    kind,
                    Counter.builder("reports.alert.events")
                            .description("Alert events recorded, by kind")
                            .tag("kind", kind.wire())
                            .register(registry));
        }
        Gauge.builder("reports.alerts.firing", gauges, g -> g.get()[0])
                .description("Enabled alert rules firing now")
                .register(registry);
        Gauge.builder("reports.alert.oldest.due.seconds", gauges, g -> g.get()[1])
                .description("How long the most overdue alert rule that no evaluator holds has been due (0 when none)")
                .register(registry);
    }

    void evaluated(List<AlertEventKind> eventKinds) {
        evaluations.increment();
        eventKinds.forEach(kind -> events.get(kind).increment());
    }

    void failed() {
        errors.increment();
    }

    /** Publishes the gauges' values. */
    void gauges(long firing, double oldestDueSeconds) {
        gauges.set(new double[] {firing, oldestDueSeconds});
    }
}
