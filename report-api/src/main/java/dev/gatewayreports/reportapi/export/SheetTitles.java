package dev.gatewayreports.reportapi.export;

import java.util.Map;

/** The human title of each table, also its XLSX sheet name (at most 31 characters, none of []:*?/\). */
final class SheetTitles {

    private static final Map<String, String> TITLES = Map.ofEntries(
            Map.entry("report", "Report"),
            Map.entry("summary", "Summary"),
            Map.entry("daily_trend", "Daily trend"),
            Map.entry("hourly_trend", "Hourly trend"),
            Map.entry("by_provider", "By provider"),
            Map.entry("by_model", "By model"),
            Map.entry("by_api_key", "By API key"),
            Map.entry("performance", "Performance"),
            Map.entry("slow_requests", "Slow requests"),
            Map.entry("error_details", "Errors"),
            Map.entry("error_details.by_error_type", "Errors by type"),
            Map.entry("error_details.by_model", "Errors by model"),
            Map.entry("error_details.recent_errors", "Recent errors"));

    private SheetTitles() {}

    static String of(String tableName) {
        return TITLES.getOrDefault(tableName, tableName);
    }
}
