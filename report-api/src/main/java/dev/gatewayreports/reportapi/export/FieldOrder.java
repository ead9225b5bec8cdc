package dev.gatewayreports.reportapi.export;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fixed order of the exports' rows and columns, from explicit field lists: never the key order of the stored
 * JSON (a {@code jsonb} column reorders keys, so reports saved before V21 come back shuffled). Each section lists its
 * fields as the report builder writes them; a report type then moves its focus fields right after the section's
 * name columns (a cost report leads with credits and USD). Keys a list does not know go last, alphabetically.
 */
public final class FieldOrder {

    private static final List<String> TOKENS = List.of(
            "input_tokens",
            "output_tokens",
            "cache_read_input_tokens",
            "cache_creation_5m_input_tokens",
            "cache_creation_1h_input_tokens",
            "web_search_requests",
            "total_tokens");
    private static final List<String> TREND =
            concat(List.of("requests", "successful_requests", "errors", "error_rate", "credits", "cost_usd"), TOKENS);
    private static final List<String> SHARE = List.of("requests", "percentage", "credits", "cost_usd");
    private static final List<String> LATENCIES = List.of(
            "requests", "avg_latency_ms", "p50_latency_ms", "p95_latency_ms", "p99_latency_ms", "max_latency_ms");

    /** Each section's fields in builder order, and how many leading name columns the type's focus follows. */
    private record Fields(List<String> keys, int names) {}

    private static final int NO_FOCUS = -1;

    private static final Map<String, Fields> SECTIONS = Map.ofEntries(
            Map.entry(
                    "summary",
                    new Fields(
                            concat(
                                    List.of(
                                            "total_requests",
                                            "successful_requests",
                                            "failed_requests",
                                            "error_rate",
                                            "total_credits_used",
                                            "total_cost_usd",
                                            "unpriced_requests"),
                                    TOKENS,
                                    List.of("avg_latency_ms", "p95_latency_ms")),
                            0)),
            Map.entry("daily_trend", new Fields(concat(List.of("date"), TREND), 1)),
            Map.entry("hourly_trend", new Fields(concat(List.of("hour"), TREND), 1)),
            Map.entry("by_provider", new Fields(concat(List.of("provider"), SHARE), 1)),
            Map.entry("by_api_key", new Fields(concat(List.of("api_key_id"), SHARE), 1)),
            Map.entry(
                    "by_model",
                    new Fields(concat(List.of("model", "provider"), SHARE, TOKENS, List.of("p95_latency_ms")), 2)),
            Map.entry("performance", new Fields(concat(List.of("model", "provider"), LATENCIES), 2)),
            Map.entry(
                    "slow_requests",
                    new Fields(
                            List.of("request_id", "occurred_at", "provider", "model", "latency_ms", "status"),
                            NO_FOCUS)),
            Map.entry(
                    "error_details", new Fields(List.of("total_requests", "failed_requests", "error_rate"), NO_FOCUS)),
            Map.entry(
                    "error_details.by_error_type", new Fields(List.of("error_type", "errors", "percentage"), NO_FOCUS)),
            Map.entry(
                    "error_details.by_model",
                    new Fields(List.of("model", "provider", "requests", "errors", "error_rate"), NO_FOCUS)),
            Map.entry(
                    "error_details.recent_errors",
                    new Fields(
                            List.of(
                                    "request_id",
                                    "occurred_at",
                                    "provider",
                                    "model",
                                    "error_type",
                                    "http_status",
                                    "error_message",
                                    "latency_ms"),
                            NO_FOCUS)));

    private FieldOrder() {}

    /**
     * The focus fields of a report type (its wire name), in the order they lead: cost → credits and USD, error →
     * errors, performance → latency, usage and comprehensive → requests.
     */
    public static List<String> focus(String reportType) {
        return switch (reportType == null ? "" : reportType) {
            case "cost" -> List.of("credits", "cost_usd", "total_credits_used", "total_cost_usd");
            case "error" -> List.of("errors", "error_rate", "failed_requests");
            case "performance" -> List.of("avg_latency_ms", "p95_latency_ms");
            default -> List.of("requests", "total_requests");
        };
    }

    /** A section's fields for a report type, in export order; every field when {@code present} is empty. */
    static List<String> of(String section, String reportType, Collection<String> present) {
        Fields fields = SECTIONS.get(section);
        List<String> ordered = fields == null ? List.of() : led(fields, focus(reportType));
        if (present.isEmpty()) {
            return ordered;
        }
        Set<String> out = new LinkedHashSet<>();
        ordered.stream().filter(present::contains).forEach(out::add);
        out.addAll(new TreeSet<>(present));
        return List.copyOf(out);
    }

    private static List<String> led(Fields fields, List<String> focus) {
        if (fields.names() == NO_FOCUS) {
            return fields.keys();
        }
        List<String> head = fields.keys().subList(0, fields.names());
        List<String> lead = focus.stream().filter(fields.keys()::contains).toList();
        List<String> rest = fields.keys().stream()
                .skip(fields.names())
                .filter(k -> !lead.contains(k))
                .toList();
        return concat(head, lead, rest);
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return List.copyOf(all);
    }
}
