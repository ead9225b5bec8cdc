package dev.gatewayreports.reportapi.callstats;

import dev.gatewayreports.model.stats.RawFilters;
import dev.gatewayreports.model.tenancy.TenantIds;
import dev.gatewayreports.model.time.Timestamps;
import dev.gatewayreports.reportapi.callstats.CallStatsRequest.CallFilter;
import dev.gatewayreports.reportapi.callstats.CallStatsRequest.MetricRequest;
import dev.gatewayreports.reportapi.errors.ApiException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Turns a request into a plan, or a 400 naming the first bad field. */
final class CallStatsValidator {
    /** More buckets than this raise the granularity. */
    static final long MAX_BUCKETS = 10_000;
    /** About 31 years: wider buckets are meaningless, and bucket arithmetic stays far from overflow. */
    static final long MAX_GRANULARITY = 1_000_000_000L;

    private CallStatsValidator() {}

    static CallStatsPlan validate(CallStatsRequest r, Instant now) {
        if (r == null) {
            throw ApiException.invalid("body", "a JSON object is required");
        }
        String problem = TenantIds.problem(r.projectId());
        if (problem != null) {
            throw ApiException.invalid("project_id", "project_id " + problem);
        }
        if (r.start() == null) {
            throw ApiException.invalid("start", "start is required");
        }
        Instant start = instant(r.start(), "start");
        Instant end = r.end() == null ? now : instant(r.end(), "end");
        if (!end.isAfter(start)) {
            throw ApiException.invalid("end", "end must be after start");
        }
        if (r.granularity() != null && (r.granularity() < 1 || r.granularity() > MAX_GRANULARITY)) {
            throw ApiException.invalid("granularity", "granularity must be from 1 to " + MAX_GRANULARITY + " seconds");
        }
        ZoneId zone = zone(r.timezone());
        List<MetricSpec> usage = metrics(r.usageMetrics(), "usage_metrics", MetricSpec.USAGE);
        List<MetricSpec> calls = metrics(r.callMetrics(), "call_metrics", MetricSpec.CALL);
        long granularity = granularity(r.granularity(), Duration.between(start, end));
        return new CallStatsPlan(r.projectId(), start, end, granularity, zone, usage, calls, filters(r.filter()));
    }

    /** The asked granularity, or one chosen from the span; raised so the span makes at most 10,000 buckets. */
    static long granularity(Long asked, Duration span) {
        long seconds = Math.max(1, span.toSeconds() + (span.toNanosPart() > 0 ? 1 : 0));
        long g = asked != null ? asked : automatic(span);
        if (seconds / g > MAX_BUCKETS || (seconds / g == MAX_BUCKETS && seconds % g != 0)) {
            g = seconds / MAX_BUCKETS + 1;
        }
        return g;
    }

    private static long automatic(Duration span) {
        if (span.compareTo(Duration.ofHours(2)) <= 0) {
            return 300;
        }
        if (span.compareTo(Duration.ofHours(12)) <= 0) {
            return 3_600;
        }
        if (span.compareTo(Duration.ofDays(3)) <= 0) {
            return 21_600;
        }
        if (span.compareTo(Duration.ofDays(14)) <= 0) {
            return 43_200;
        }
        return 86_400;
    }

    private static Instant instant(String text, String field) {
        Instant instant = Timestamps.parse(text);
        if (instant == null) {
            throw ApiException.invalid(
                    field, field + " must be an RFC 3339 timestamp with an offset, from " + Timestamps.RANGE);
        }
        return instant;
    }

    private static ZoneId zone(String timezone) {
        if (timezone == null) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw ApiException.invalid("timezone", "timezone must be an IANA time zone, e.g. America/New_York");
        }
    }

    private static List<MetricSpec> metrics(List<MetricRequest> asked, String field, List<String> known) {
        if (asked == null) {
            return List.of();
        }
        List<MetricSpec> specs = new ArrayList<>();
        for (int i = 0; i < asked.size(); i++) {
            MetricRequest m = asked.get(i);
            String at = field + "[" + i + "]";
            if (m == null || m.metric() == null || !known.contains(m.metric())) {
                throw ApiException.invalid(at + ".metric", at + ".metric must be one of " + String.join(", ", known));
            }
            List<String> aggs = m.aggregations() == null ? List.of("sum") : m.aggregations();
            for (String agg : aggs) {
                if (!MetricSpec.AGGREGATIONS.contains(agg)) {
                    throw ApiException.invalid(
                            at + ".aggregations",
                            at + ".aggregations must be among " + String.join(", ", MetricSpec.AGGREGATIONS));
                }
            }
            List<Double> percentiles = m.percentiles() == null ? List.of() : m.percentiles();
            for (Double p : percentiles) {
                if (p == null || p.isNaN() || p < 0 || p > 100) {
                    throw ApiException.invalid(at + ".percentiles", at + ".percentiles must be numbers in [0, 100]");
                }
            }
            specs.add(new MetricSpec(m.metric(), List.copyOf(aggs), List.copyOf(percentiles)));
        }
        return specs;
    }

    private static RawFilters filters(CallFilter f) {
        if (f == null) {
            return RawFilters.NONE;
        }
        return new RawFilters(
                list(f.traceIds(), "filter.trace_ids"),
                list(f.callIds(), "filter.call_ids"),
                list(f.parentIds(), "filter.parent_ids"),
                list(f.threadIds(), "filter.thread_ids"),
                list(f.turnIds(), "filter.turn_ids"),
                list(f.inputRefs(), "filter.input_refs"),
                list(f.outputRefs(), "filter.output_refs"),
                list(f.wbUserIds(), "filter.wb_user_ids"),
                list(f.wbRunIds(), "filter.wb_run_ids"),
                list(f.opNames(), "filter.op_names"),
                Boolean.TRUE.equals(f.traceRootsOnly()));
    }

    private static List<String> list(List<String> values, String field) {
        if (values == null) {
            return List.of();
        }
        if (values.stream().anyMatch(v -> v == null)) {
            throw ApiException.invalid(field, field + " must not contain null");
        }
        if (values.size() > 10_000) {
            throw ApiException.invalid(field, field + " takes at most 10,000 values");
        }
        return List.copyOf(values);
    }
}
