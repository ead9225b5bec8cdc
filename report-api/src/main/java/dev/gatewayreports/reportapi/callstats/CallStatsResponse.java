package dev.gatewayreports.reportapi.callstats;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code POST /calls/stats}: what was actually used, and the non-empty buckets.
 *
 * @param usageBuckets one per bucket × model: {@code timestamp}, {@code model} and a key per value
 * @param callBuckets one per bucket: {@code timestamp} and a key per value
 */
public record CallStatsResponse(
        String start,
        String end,
        long granularity,
        String timezone,
        @JsonProperty("usage_buckets") List<Map<String, Object>> usageBuckets,
        @JsonProperty("call_buckets") List<Map<String, Object>> callBuckets) {}
