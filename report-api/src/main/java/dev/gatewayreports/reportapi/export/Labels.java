package dev.gatewayreports.reportapi.export;

import java.util.Locale;
import java.util.Map;

/** Human names of the report object's keys, for XLSX headers and summary rows. */
final class Labels {

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("date", "Date"),
            Map.entry("hour", "Hour (local)"),
            Map.entry("utc_offset", "UTC offset"),
            Map.entry("requests", "Requests"),
            Map.entry("successful_requests", "Successful requests"),
            Map.entry("failed_requests", "Failed requests"),
            Map.entry("total_requests", "Total requests"),
            Map.entry("unpriced_requests", "Unpriced requests"),
            Map.entry("web_search_requests", "Web search requests"),
            Map.entry("errors", "Errors"),
            Map.entry("error_rate", "Error rate (%)"),
            Map.entry("percentage", "Share (%)"),
            Map.entry("credits", "Credits"),
            Map.entry("total_credits_used", "Credits used"),
            Map.entry("cost_usd", "Cost (USD)"),
            Map.entry("total_cost_usd", "Total cost (USD)"),
            Map.entry("input_tokens", "Input tokens"),
            Map.entry("output_tokens", "Output tokens"),
            Map.entry("cache_read_input_tokens", "Cache read tokens"),
            Map.entry("cache_creation_5m_input_tokens", "Cache write tokens (5 min)"),
            Map.entry("cache_creation_1h_input_tokens", "Cache write tokens (1 h)"),
            Map.entry("total_tokens", "Total tokens"),
            Map.entry("avg_latency_ms", "Average latency (ms)"),
            Map.entry("p50_latency_ms", "P50 latency (ms)"),
            Map.entry("p95_latency_ms", "P95 latency (ms)"),
            Map.entry("p99_latency_ms", "P99 latency (ms)"),
            Map.entry("max_latency_ms", "Max latency (ms)"),
            Map.entry("latency_ms", "Latency (ms)"),
            Map.entry("provider", "Provider"),
            Map.entry("model", "Model"),
            Map.entry("api_key_id", "API key"),
            Map.entry("request_id", "Request ID"),
            Map.entry("occurred_at", "Occurred at (UTC)"),
            Map.entry("status", "Status"),
            Map.entry("error_type", "Error type"),
            Map.entry("http_status", "HTTP status"),
            Map.entry("error_message", "Error message"),
            Map.entry("metric", "Metric"),
            Map.entry("value", "Value"),
            Map.entry("previous_period", "Previous period"),
            Map.entry("change_percent", "Change (%)"),
            Map.entry("key", "Field"),
            Map.entry("field", "Field"),
            Map.entry("report_id", "Report ID"),
            Map.entry("report_type", "Report type"),
            Map.entry("team_id", "Team"),
            Map.entry("timezone", "Time zone"),
            Map.entry("local_days", "Local days"),
            Map.entry("period_start", "Period start (UTC)"),
            Map.entry("period_end", "Period end (UTC)"),
            Map.entry("previous_period_start", "Previous period start (UTC)"),
            Map.entry("previous_period_end", "Previous period end (UTC)"),
            Map.entry("generated_at", "Generated at (UTC)"));

    private Labels() {}

    /** The label of a key; an unknown key becomes its words, capitalized ({@code foo_bar} → "Foo bar"). */
    static String of(String key) {
        String label = LABELS.get(key);
        if (label != null) {
            return label;
        }
        String words = key.replace('_', ' ').trim();
        return words.isEmpty() ? key : words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }
}
