package dev.gatewayreports.model.stats;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Metrics over a window of some teams' events, bucketed in a time zone, grouped and filtered.
 *
 * @param organizationId the organization the teams belong to (required: a team is identified by its organization and
 *     its id, so every query reads one organization's data only)
 * @param teamIds the organization's teams whose events count (already authorised by the caller)
 * @param start inclusive
 * @param end exclusive
 * @param filters IN filters on dimensions (values must be non-null)
 * @param measures the figure families needed; percentiles need {@link Measure#LATENCY}
 * @param wholeOrganization true when {@code teamIds} are all the teams of the organization: the engine may then read
 *     organization-wide rollups
 */
public record StatsQuery(
        String organizationId,
        List<String> teamIds,
        Instant start,
        Instant end,
        ZoneId zone,
        BucketSpec buckets,
        List<Dimension> groupBy,
        Map<Dimension, Set<String>> filters,
        RawFilters rawFilters,
        Set<Measure> measures,
        boolean wholeOrganization) {

    /** A query over the named teams of the organization only. */
    public StatsQuery(
            String organizationId,
            List<String> teamIds,
            Instant start,
            Instant end,
            ZoneId zone,
            BucketSpec buckets,
            List<Dimension> groupBy,
            Map<Dimension, Set<String>> filters,
            RawFilters rawFilters,
            Set<Measure> measures) {
        this(organizationId, teamIds, start, end, zone, buckets, groupBy, filters, rawFilters, measures, false);
    }

    public StatsQuery {
        Objects.requireNonNull(organizationId, "organizationId");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("start must be before end");
        }
        teamIds = List.copyOf(teamIds);
        groupBy = List.copyOf(groupBy);
        filters = Map.copyOf(filters);
        measures = Set.copyOf(measures);
    }
}
