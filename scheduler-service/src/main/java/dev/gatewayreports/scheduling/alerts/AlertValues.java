package dev.gatewayreports.scheduling.alerts;

import dev.gatewayreports.model.alerts.AlertMeasure;
import dev.gatewayreports.model.stats.BucketSpec;
import dev.gatewayreports.model.stats.Figures;
import dev.gatewayreports.model.stats.Measure;
import dev.gatewayreports.model.stats.RawFilters;
import dev.gatewayreports.model.stats.StatsEngine;
import dev.gatewayreports.model.stats.StatsQuery;
import dev.gatewayreports.model.stats.StatsRow;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A rule's measure over its window, from the query engine: rollups plus the events of batches the worker has not
 * folded yet, or raw events for windows under {@code raw-below}, so an event counts as soon as its ingest returned.
 */
public final class AlertValues {
    private final StatsEngine engine;

    public AlertValues(StatsEngine engine) {
        this.engine = engine;
    }

    /**
     * The measure of {@code rule} over {@code window} of {@code teamIds} (all the organization's teams for an
     * organization-wide rule); null where it has no value (error_rate and p95_latency_ms without requests).
     */
    public BigDecimal measure(AlertRule rule, AlertWindow window, ZoneId zone, List<String> teamIds) {
        Figures f = window.empty() || teamIds.isEmpty() ? Figures.empty(true) : figures(rule, window, zone, teamIds);
        return switch (rule.measure()) {
            case COST_USD -> f.costUsd();
            case CREDITS -> f.credits();
            case REQUESTS -> BigDecimal.valueOf(f.requests());
            case ERROR_RATE ->
                f.requests() == 0
                        ? null
                        : BigDecimal.valueOf(f.errors())
                                .multiply(BigDecimal.valueOf(100))
                                .divide(BigDecimal.valueOf(f.requests()), 12, RoundingMode.HALF_UP);
            case P95_LATENCY_MS -> {
                Double p95 = f.requests() == 0 ? null : f.latencyPercentile(95);
                // To the column's 12 decimals, so the value compared is the value stored.
                yield p95 == null ? null : BigDecimal.valueOf(p95).setScale(12, RoundingMode.HALF_UP);
            }
            case TOKENS ->
                BigDecimal.valueOf(f.inputTokens()
                        + f.outputTokens()
                        + f.cacheReadInputTokens()
                        + f.cacheCreation5mInputTokens()
                        + f.cacheCreation1hInputTokens());
        };
    }

    private Figures figures(AlertRule rule, AlertWindow window, ZoneId zone, List<String> teamIds) {
        List<StatsRow> rows = engine.execute(new StatsQuery(
                        rule.orgId(),
                        teamIds,
                        window.start(),
                        window.end(),
                        zone,
                        BucketSpec.NONE,
                        List.of(),
                        Map.of(),
                        RawFilters.NONE,
                        measures(rule.measure()),
                        rule.organizationWide()))
                .rows();
        Figures total = Figures.empty(true);
        rows.forEach(r -> total.add(r.figures()));
        return total;
    }

    static Set<Measure> measures(AlertMeasure measure) {
        return switch (measure) {
            case COST_USD -> EnumSet.of(Measure.REQUESTS, Measure.COST);
            case CREDITS -> EnumSet.of(Measure.REQUESTS, Measure.CREDITS);
            case REQUESTS -> EnumSet.of(Measure.REQUESTS);
            case ERROR_RATE -> EnumSet.of(Measure.REQUESTS, Measure.ERRORS);
            case P95_LATENCY_MS -> EnumSet.of(Measure.REQUESTS, Measure.LATENCY);
            case TOKENS -> EnumSet.of(Measure.REQUESTS, Measure.TOKENS);
        };
    }
}
