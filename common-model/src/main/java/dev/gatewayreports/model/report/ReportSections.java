package dev.gatewayreports.model.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The {@code sections} object of a generate or schedule request: a section with {@code true} is shown, with {@code
 * false} hidden, and one left out (null) keeps the report type's default. The names are report-api's sections, in
 * report order; report-api refuses any other key (400 naming {@code sections.<key>}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "GenerateReportSections")
public record ReportSections(
        Boolean summary,
        @JsonProperty("daily_trend") Boolean dailyTrend,
        @JsonProperty("hourly_trend") Boolean hourlyTrend,
        @JsonProperty("by_provider") Boolean byProvider,
        @JsonProperty("by_model") Boolean byModel,
        @JsonProperty("by_api_key") Boolean byApiKey,
        Boolean performance,
        @JsonProperty("slow_requests") Boolean slowRequests,
        @JsonProperty("error_details") Boolean errorDetails) {

    /** The section names, in report order. */
    public static final List<String> NAMES = List.of(
            "summary",
            "daily_trend",
            "hourly_trend",
            "by_provider",
            "by_model",
            "by_api_key",
            "performance",
            "slow_requests",
            "error_details");

    /** The flags of a map by wire name (e.g. a schedule's stored sections); unknown names are left out. */
    public static ReportSections of(Map<String, Boolean> flags) {
        return new ReportSections(
                flags.get("summary"),
                flags.get("daily_trend"),
                flags.get("hourly_trend"),
                flags.get("by_provider"),
                flags.get("by_model"),
                flags.get("by_api_key"),
                flags.get("performance"),
                flags.get("slow_requests"),
                flags.get("error_details"));
    }

    /** The sections given, by wire name, in report order; those left out are absent. */
    public Map<String, Boolean> given() {
        Map<String, Boolean> given = new LinkedHashMap<>();
        put(given, "summary", summary);
        put(given, "daily_trend", dailyTrend);
        put(given, "hourly_trend", hourlyTrend);
        put(given, "by_provider", byProvider);
        put(given, "by_model", byModel);
        put(given, "by_api_key", byApiKey);
        put(given, "performance", performance);
        put(given, "slow_requests", slowRequests);
        put(given, "error_details", errorDetails);
        return given;
    }

    private static void put(Map<String, Boolean> given, String name, Boolean shown) {
        if (shown != null) {
            given.put(name, shown);
        }
    }
}
