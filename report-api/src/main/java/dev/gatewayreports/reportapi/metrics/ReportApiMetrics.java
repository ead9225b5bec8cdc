package dev.gatewayreports.reportapi.metrics;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;

/**
 * report-api's application metrics at /q/metrics (Prometheus names below). Tags come only from fixed sets (an
 * outcome, a report type, a format, an admin report): never an organization, team, key or request id.
 *
 * <ul>
 *   <li>{@code reports_ingest_events_total{outcome=accepted|duplicate|rejected}}: events per ingest answer.
 *   <li>{@code reports_ingest_batch_events}: events per ingest request (summary with buckets).
 *   <li>{@code reports_ingest_seconds}: an answered ingest request, parse to commit (timer with buckets).
 *   <li>{@code reports_generation_seconds{type,format}}: building a report object (timer with buckets).
 *   <li>{@code reports_export_bytes{format=csv|xlsx}}: the size of an exported file (summary).
 *   <li>{@code reports_admin_pages_total{report=usage|cost}}: pages of the admin usage and cost API served.
 *   <li>{@code reports_db_pool_max_connections}: the pool's configured maximum, beside Agroal's own
 *       {@code agroal_active_count} and {@code agroal_awaiting_count} (quarkus.datasource.metrics.enabled).
 * </ul>
 */
@ApplicationScoped
public class ReportApiMetrics {
    /** The outcomes of an ingested event. */
    public enum Outcome {
        ACCEPTED,
        DUPLICATE,
        REJECTED
    }

    private final MeterRegistry registry;
    private final Counter accepted;
    private final Counter duplicates;
    private final Counter rejected;
    private final DistributionSummary batchSize;
    private final Timer ingest;

    public ReportApiMetrics(MeterRegistry registry, AgroalDataSource dataSource) {
        this.registry = registry;
        Gauge.builder(
                        "reports.db.pool.max.connections",
                        dataSource,
                        ds -> ds.getConfiguration()
                                .connectionPoolConfiguration()
                                .maxSize())
                .description("The database connection pool's configured maximum size")
                .register(registry);
        this.accepted = events(registry, Outcome.ACCEPTED);
        this.duplicates = events(registry, Outcome.DUPLICATE);
        this.rejected = events(registry, Outcome.REJECTED);
        this.batchSize = DistributionSummary.builder("reports.ingest.batch.events")
                .description("Events per ingest request")
                .serviceLevelObjectives(1, 10, 100, 1_000, 5_000, 10_000)
                .register(registry);
        this.ingest = Timer.builder("reports.ingest")
                .description("Answered ingest requests: parse, validate, price, store and commit")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    private static Counter events(MeterRegistry registry, Outcome outcome) {
        return Counter.builder("reports.ingest.events")
                .description("Ingested events by outcome (rate() gives events per second)")
                .tag("outcome", tag(outcome))
                .register(registry);
    }

    /** One answered ingest request of {@code size} events. */
    public void ingested(int size, long accepted, long duplicates, int rejected, Duration took) {
        batchSize.record(size);
        this.accepted.increment(accepted);
        this.duplicates.increment(duplicates);
        this.rejected.increment(rejected);
        ingest.record(took);
    }

    /** The timer of building one report of {@code type} (a ReportType's wire name) answered as {@code format}. */
    public Timer generation(String type, String format) {
        return Timer.builder("reports.generation")
                .description("Building a report object (queries and assembly), by report type and format")
                .tags("type", type, "format", format)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
    }

    /** An exported file of {@code bytes} in {@code format} (csv or xlsx). */
    public void exported(String format, long bytes) {
        DistributionSummary.builder("reports.export.bytes")
                .description("Size of exported report files, by format")
                .baseUnit("bytes")
                .tag("format", format)
                .register(registry)
                .record(bytes);
    }

    /** One page of the admin API's {@code report} (usage or cost) served. */
    public void adminPage(String report) {
        Counter.builder("reports.admin.pages")
                .description("Pages of the admin usage and cost API served")
                .tag("report", report)
                .register(registry)
                .increment();
    }

    static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
