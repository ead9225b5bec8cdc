package dev.gatewayreports.model.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The summary section: the period's figures, the previous period's, and the change in percent (null: nothing to compare with). */
@Schema(name = "ReportSummary")
@JsonSerialize(using = ReportSerializer.class)
public record Summary(
        @JsonProperty("total_requests") long totalRequests,
        @JsonProperty("successful_requests") long successfulRequests,
        @JsonProperty("failed_requests") long failedRequests,
        @JsonProperty("error_rate") BigDecimal errorRate,
        @JsonProperty("total_credits_used") BigDecimal totalCreditsUsed,
        @JsonProperty("total_cost_usd") BigDecimal totalCostUsd,
        @JsonProperty("unpriced_requests") long unpricedRequests,
        @JsonProperty("input_tokens") long inputTokens,
        @JsonProperty("output_tokens") long outputTokens,
        @JsonProperty("cache_read_input_tokens") long cacheReadInputTokens,
        @JsonProperty("cache_creation_5m_input_tokens") long cacheCreation5mInputTokens,
        @JsonProperty("cache_creation_1h_input_tokens") long cacheCreation1hInputTokens,
        @JsonProperty("web_search_requests") long webSearchRequests,
        @JsonProperty("total_tokens") long totalTokens,
        @JsonProperty("avg_latency_ms") BigDecimal avgLatencyMs,
        @JsonProperty("p95_latency_ms") BigDecimal p95LatencyMs,
        @JsonProperty("previous_period") PreviousPeriod previousPeriod,
        @JsonProperty("change_percent") ChangePercent changePercent)
        implements ReportPart, SummaryFigures {

    /** The fields: the figures, then the previous period's and the changes; a type's focus comes first. */
    public static final ReportFields<Summary> FIELDS = ReportFields.focused(
            0,
            SummaryFigures.VALUES,
            List.of(
                    ReportField.part("previous_period", "Previous period", Summary::previousPeriod),
                    ReportField.part("change_percent", "Change (%)", Summary::changePercent)));
}
