package dev.gatewayreports.model.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The change of each summary figure from the previous period, in percent with 2 decimals; null when it was zero or absent. */
@Schema(name = "ReportChangePercent")
@JsonSerialize(using = ReportSerializer.class)
public record ChangePercent(
        @JsonProperty("total_requests") BigDecimal totalRequests,
        @JsonProperty("successful_requests") BigDecimal successfulRequests,
        @JsonProperty("failed_requests") BigDecimal failedRequests,
        @JsonProperty("error_rate") BigDecimal errorRate,
        @JsonProperty("total_credits_used") BigDecimal totalCreditsUsed,
        @JsonProperty("total_cost_usd") BigDecimal totalCostUsd,
        @JsonProperty("unpriced_requests") BigDecimal unpricedRequests,
        @JsonProperty("input_tokens") BigDecimal inputTokens,
        @JsonProperty("output_tokens") BigDecimal outputTokens,
        @JsonProperty("cache_read_input_tokens") BigDecimal cacheReadInputTokens,
        @JsonProperty("cache_creation_5m_input_tokens") BigDecimal cacheCreation5mInputTokens,
        @JsonProperty("cache_creation_1h_input_tokens") BigDecimal cacheCreation1hInputTokens,
        @JsonProperty("web_search_requests") BigDecimal webSearchRequests,
        @JsonProperty("total_tokens") BigDecimal totalTokens,
        @JsonProperty("avg_latency_ms") BigDecimal avgLatencyMs,
        @JsonProperty("p95_latency_ms") BigDecimal p95LatencyMs)
        implements ReportPart {

    /** The fields: the change of each summary figure, in its order. */
    public static final ReportFields<ChangePercent> FIELDS = ReportFields.focused(
            0,
            SummaryFigures.FIGURES.stream().map(SummaryFigures.Figure::change).toList());
}
