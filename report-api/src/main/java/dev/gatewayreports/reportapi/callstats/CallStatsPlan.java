package dev.gatewayreports.reportapi.callstats;

import dev.gatewayreports.model.stats.RawFilters;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** A validated {@code /calls/stats} request: what will be asked of the engine. */
record CallStatsPlan(
        String projectId,
        Instant start,
        Instant end,
        long granularity,
        ZoneId zone,
        List<MetricSpec> usageMetrics,
        List<MetricSpec> callMetrics,
        RawFilters filters) {}
