package dev.gatewayreports.model.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The summary's figures over the window of equal length just before the period. */
@Schema(name = "ReportPreviousPeriod")
@JsonSerialize(using = ReportSerializer.class)
public record PreviousPeriod(
        @JsonProperty("period_start") String periodStart,
        @JsonProperty("period_end") String periodEnd,
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
        @JsonProperty("p95_latency_ms") BigDecimal p95LatencyMs)
        implements ReportPart, SummaryFigures {

    /** The fields: the window, then the figures; a type's focus follows the window. */
    public static final ReportFields<PreviousPeriod> FIELDS = ReportFields.focused(
            2,
            List.of(
                    ReportColumn.PERIOD_START.of(PreviousPeriod::periodStart),
                    ReportColumn.PERIOD_END.of(PreviousPeriod::periodEnd)),
            SummaryFigures.VALUES);
}
