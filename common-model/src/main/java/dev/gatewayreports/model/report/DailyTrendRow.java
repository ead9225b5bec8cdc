package dev.gatewayreports.model.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One local day of daily_trend (date as yyyy-MM-dd). */
@Schema(name = "ReportDailyTrendRow")
@JsonSerialize(using = ReportSerializer.class)
public record DailyTrendRow(
        @JsonProperty("date") String date,
        @JsonProperty("requests") long requests,
        @JsonProperty("successful_requests") long successfulRequests,
        @JsonProperty("errors") long errors,
        @JsonProperty("error_rate") BigDecimal errorRate,
        @JsonProperty("credits") BigDecimal credits,
        @JsonProperty("cost_usd") BigDecimal costUsd,
        @JsonProperty("input_tokens") long inputTokens,
        @JsonProperty("output_tokens") long outputTokens,
        @JsonProperty("cache_read_input_tokens") long cacheReadInputTokens,
        @JsonProperty("cache_creation_5m_input_tokens") long cacheCreation5mInputTokens,
        @JsonProperty("cache_creation_1h_input_tokens") long cacheCreation1hInputTokens,
        @JsonProperty("web_search_requests") long webSearchRequests,
        @JsonProperty("total_tokens") long totalTokens)
        implements ReportPart, TrendFigures {

    /** The fields: the day (the chart's categories), then the figures; a type's focus follows the day. */
    public static final ReportFields<DailyTrendRow> FIELDS = ReportFields.focused(
            1, List.of(ReportColumn.DATE.of(DailyTrendRow::date, ChartRole.CATEGORY)), TrendFigures.FIGURES);
}
