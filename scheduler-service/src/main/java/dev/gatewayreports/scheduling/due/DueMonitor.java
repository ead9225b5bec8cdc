package dev.gatewayreports.scheduling.due;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The scheduler's backlog, read every {@code reports.metrics.due-refresh} on a timer of its own (a
 * dispatch tick that mails a long batch would otherwise hold it back):
 *
 * <ul>
 *   <li>{@code reports_deliveries_due}: deliveries due now that no dispatcher holds;
 *   <li>{@code reports_delivery_oldest_due_seconds}: how long the longest-waiting of them has been due;
 *   <li>{@code reports_schedules_due}: schedules whose slot has come without a delivery yet.
 * </ul>
 *
 * Every replica reports the same, shared backlog: aggregate with {@code max}, never {@code sum}.
 */
@ApplicationScoped
public class DueMonitor {
    private static final Logger LOG = Logger.getLogger(DueMonitor.class);

    private final DueRepository repository;
    private final AtomicReference<DueNow> last = new AtomicReference<>(new DueNow(0, 0, 0));

    public DueMonitor(DueRepository repository, MeterRegistry registry) {
        this.repository = repository;
        Gauge.builder("reports.deliveries.due", last, d -> d.get().deliveries())
                .description("Deliveries due now that no dispatcher holds")
                .register(registry);
        Gauge.builder("reports.delivery.oldest.due.seconds", last, d -> d.get().oldestSeconds())
                .description("How long the longest-waiting due delivery has been due (0 when none)")
                .register(registry);
        Gauge.builder("reports.schedules.due", last, d -> d.get().schedules())
                .description("Schedules whose slot has come and that have no delivery for it yet")
                .register(registry);
    }

    @Scheduled(
            identity = "due-metrics",
            every = "{reports.metrics.due-refresh}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warnf("could not read the due deliveries, their gauges keep their last value: %s", e.getMessage());
        }
    }

    /** Reads what is due now, publishes it to the gauges and answers it. */
    public DueNow refresh() {
        DueNow now = repository.dueNow();
        last.set(now);
        return now;
    }
}
