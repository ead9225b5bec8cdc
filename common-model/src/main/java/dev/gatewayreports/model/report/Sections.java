package dev.gatewayreports.model.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Which sections the report holds (every one named, true or false). */
@Schema(name = "ReportSections")
@JsonSerialize(using = ReportSerializer.class)
public record Sections(
        @JsonProperty("summary") boolean summary,
        @JsonProperty("daily_trend") boolean dailyTrend,
        @JsonProperty("hourly_trend") boolean hourlyTrend,
        @JsonProperty("by_provider") boolean byProvider,
        @JsonProperty("by_model") boolean byModel,
        @JsonProperty("by_api_key") boolean byApiKey,
        @JsonProperty("performance") boolean performance,
        @JsonProperty("slow_requests") boolean slowRequests,
        @JsonProperty("error_details") boolean errorDetails)
        implements ReportPart {

    /** The fields, in report order. */
    public static final ReportFields<Sections> FIELDS = ReportFields.fixed(
            ReportField.flag("summary", "Summary", Sections::summary),
            ReportField.flag("daily_trend", "Daily trend", Sections::dailyTrend),
            ReportField.flag("hourly_trend", "Hourly trend", Sections::hourlyTrend),
            ReportField.flag("by_provider", "By provider", Sections::byProvider),
            ReportField.flag("by_model", "By model", Sections::byModel),
            ReportField.flag("by_api_key", "By API key", Sections::byApiKey),
            ReportField.flag("performance", "Performance", Sections::performance),
            ReportField.flag("slow_requests", "Slow requests", Sections::slowRequests),
            ReportField.flag("error_details", "Errors", Sections::errorDetails));
}
