package dev.gatewayreports.model.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One model of by_model. */
@Schema(name = "ReportModelRow")
@JsonSerialize(using = ReportSerializer.class)
public record ModelRow(
        @JsonProperty("model") String model,
        @JsonProperty("provider") String provider,
        @JsonProperty("requests") long requests,
        @JsonProperty("percentage") BigDecimal percentage,
        @JsonProperty("credits") BigDecimal credits,
        @JsonProperty("cost_usd") BigDecimal costUsd,
        @JsonProperty("input_tokens") long inputTokens,
        @JsonProperty("output_tokens") long outputTokens,
        @JsonProperty("cache_read_input_tokens") long cacheReadInputTokens,
        @JsonProperty("cache_creation_5m_input_tokens") long cacheCreation5mInputTokens,
        @JsonProperty("cache_creation_1h_input_tokens") long cacheCreation1hInputTokens,
        @JsonProperty("web_search_requests") long webSearchRequests,
        @JsonProperty("total_tokens") long totalTokens,
        @JsonProperty("p95_latency_ms") BigDecimal p95LatencyMs)
        implements ReportPart {

    /** The fields, in component order; a type's focus follows the model and provider. */
    public static final ReportFields<ModelRow> FIELDS = ReportFields.focused(
            2,
            List.of(
                    ReportColumn.MODEL.of(ModelRow::model),
                    ReportColumn.PROVIDER.of(ModelRow::provider),
                    ReportColumn.REQUESTS.of(ModelRow::requests),
                    ReportColumn.PERCENTAGE.of(ModelRow::percentage),
                    ReportColumn.CREDITS.of(ModelRow::credits),
                    ReportColumn.COST_USD.of(ModelRow::costUsd),
                    ReportColumn.INPUT_TOKENS.of(ModelRow::inputTokens),
                    ReportColumn.OUTPUT_TOKENS.of(ModelRow::outputTokens),
                    ReportColumn.CACHE_READ_INPUT_TOKENS.of(ModelRow::cacheReadInputTokens),
                    ReportColumn.CACHE_CREATION_5M_INPUT_TOKENS.of(ModelRow::cacheCreation5mInputTokens),
                    ReportColumn.CACHE_CREATION_1H_INPUT_TOKENS.of(ModelRow::cacheCreation1hInputTokens),
                    ReportColumn.WEB_SEARCH_REQUESTS.of(ModelRow::webSearchRequests),
                    ReportColumn.TOTAL_TOKENS.of(ModelRow::totalTokens),
                    ReportColumn.P95_LATENCY_MS.of(ModelRow::p95LatencyMs)));
}
