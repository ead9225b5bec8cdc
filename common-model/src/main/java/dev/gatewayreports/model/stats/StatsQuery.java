package dev.gatewayreports.model.stats;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Metrics over a window of some teams' events, bucketed in a time zone, grouped and filtered.
 *
 * @param teamIds the teams whose events count (already authorised by the caller)
 * @param start inclusive
 * @param end exclusive
 * @param filters IN filters on dimensions (values must be non-null)
 * @param measures the figure families needed; percentiles need {@link Measure#LATENCY}
 * @param organizationId set when {@code teamIds} are all the teams of this organization: the engine may then
 *     read organization-wide rollups
 */
public record StatsQuery(
        List<String> teamIds,
        Instant start,
        Instant end,
        ZoneId zone,
        BucketSpec buckets,
        List<Dimension> groupBy,
        Map<Dimension, Set<String>> filters,
        RawFilters rawFilters,
        Set<Measure> measures,
        String organizationId) {

    /** A query over the named teams only. */
    public StatsQuery(
            List<String> teamIds,
            Instant start,
            Instant end,
            ZoneId zone,
            BucketSpec buckets,
            List<Dimension> groupBy,
            Map<Dimension, Set<String>> filters,
            RawFilters rawFilters,
            Set<Measure> measures) {
        this(teamIds, start, end, zone, buckets, groupBy, filters, rawFilters, measures, null);
    }

    public StatsQuery {
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("start must be before end");
        }
        teamIds = List.copyOf(teamIds);
        groupBy = List.copyOf(groupBy);
        filters = Map.copyOf(filters);
        measures = Set.copyOf(measures);
    }
}
