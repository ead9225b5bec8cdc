package dev.gatewayreports.model.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The sections' content: a section that was not asked for is null and absent from the JSON. */
@Schema(name = "ReportData")
@JsonSerialize(using = ReportSerializer.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportData(
        @JsonProperty("summary") Summary summary,
        @JsonProperty("daily_trend") List<DailyTrendRow> dailyTrend,
        @JsonProperty("hourly_trend") List<HourlyTrendRow> hourlyTrend,
        @JsonProperty("by_provider") List<ProviderRow> byProvider,
        @JsonProperty("by_model") List<ModelRow> byModel,
        @JsonProperty("by_api_key") List<ApiKeyRow> byApiKey,
        @JsonProperty("performance") Performance performance,
        @JsonProperty("slow_requests") List<SlowRequest> slowRequests,
        @JsonProperty("error_details") ErrorDetails errorDetails) {}
