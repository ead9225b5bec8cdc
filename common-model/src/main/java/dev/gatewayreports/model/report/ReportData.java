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
        @JsonProperty("error_details") ErrorDetails errorDetails)
        implements ReportPart {

    // Each section, with its title (the XLSX sheet).
    public static final ReportField<ReportData> SUMMARY = ReportField.part("summary", "Summary", ReportData::summary);
    public static final ReportField<ReportData> DAILY_TREND =
            ReportField.part("daily_trend", "Daily trend", ReportData::dailyTrend);
    public static final ReportField<ReportData> HOURLY_TREND =
            ReportField.part("hourly_trend", "Hourly trend", ReportData::hourlyTrend);
    public static final ReportField<ReportData> BY_PROVIDER =
            ReportField.part("by_provider", "By provider", ReportData::byProvider);
    public static final ReportField<ReportData> BY_MODEL =
            ReportField.part("by_model", "By model", ReportData::byModel);
    public static final ReportField<ReportData> BY_API_KEY =
            ReportField.part("by_api_key", "By API key", ReportData::byApiKey);
    public static final ReportField<ReportData> PERFORMANCE =
            ReportField.part("performance", "Performance", ReportData::performance);
    public static final ReportField<ReportData> SLOW_REQUESTS =
            ReportField.part("slow_requests", "Slow requests", ReportData::slowRequests);
    public static final ReportField<ReportData> ERROR_DETAILS =
            ReportField.part("error_details", "Errors", ReportData::errorDetails);

    /** The fields, in report order; a section not asked for is left out. */
    public static final ReportFields<ReportData> FIELDS = ReportFields.omittingNulls(
            SUMMARY,
            DAILY_TREND,
            HOURLY_TREND,
            BY_PROVIDER,
            BY_MODEL,
            BY_API_KEY,
            PERFORMANCE,
            SLOW_REQUESTS,
            ERROR_DETAILS);
}
