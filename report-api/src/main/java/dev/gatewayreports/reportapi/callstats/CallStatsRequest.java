package dev.gatewayreports.reportapi.callstats;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /calls/stats}; times are RFC 3339 strings so a bad one is a 400 naming its field. */
public record CallStatsRequest(
        @JsonProperty("project_id") @Schema(example = "team_platform")
        String projectId,

        @Schema(example = "2023-11-07T05:31:56Z") String start,
        @Schema(example = "2023-11-08T05:31:56Z") String end,
        @Schema(example = "3600") Long granularity,
        @JsonProperty("usage_metrics") List<MetricRequest> usageMetrics,
        @JsonProperty("call_metrics") List<MetricRequest> callMetrics,
        CallFilter filter,
        @Schema(example = "America/New_York") String timezone) {

    /** One metric with the aggregations and percentiles asked of it. */
    public record MetricRequest(
            @Schema(example = "latency_ms") String metric,
            @Schema(example = "[\"avg\", \"max\"]") List<String> aggregations,
            @Schema(example = "[50, 95, 99]") List<Double> percentiles) {}

    /** IN filters on per-call fields; lists combine with AND. */
    public record CallFilter(
            @JsonProperty("op_names") List<String> opNames,
            @JsonProperty("input_refs") List<String> inputRefs,
            @JsonProperty("output_refs") List<String> outputRefs,
            @JsonProperty("parent_ids") List<String> parentIds,
            @JsonProperty("trace_ids") List<String> traceIds,
            @JsonProperty("call_ids") List<String> callIds,
            @JsonProperty("thread_ids") List<String> threadIds,
            @JsonProperty("turn_ids") List<String> turnIds,
            @JsonProperty("trace_roots_only") Boolean traceRootsOnly,
            @JsonProperty("wb_user_ids") List<String> wbUserIds,
            @JsonProperty("wb_run_ids") List<String> wbRunIds) {}
}
