package dev.gatewayreports.reportapi.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The layout shared by the CSV and XLSX exports: the report object (docs/report-object.md) as an ordered list of
 * tables. The first is the report metadata ({@code report}); then, for each section present in {@code data}, in
 * the document's section order, its table(s). Rows are converted lazily, so a large section is never copied.
 */
public final class ReportTables {

    /** The label of the performance row that holds the figures over all models. */
    public static final String ALL_MODELS = "All models";

    private static final List<String> TREND = List.of(
            "requests",
            "successful_requests",
            "errors",
            "error_rate",
            "credits",
            "cost_usd",
            "input_tokens",
            "output_tokens",
            "cache_read_input_tokens",
            "cache_creation_5m_input_tokens",
            "cache_creation_1h_input_tokens",
            "total_tokens");
    private static final List<String> LATENCIES =
            List.of("avg_latency_ms", "p50_latency_ms", "p95_latency_ms", "p99_latency_ms", "max_latency_ms");

    /** Default column orders of the array sections, used when the array is empty. */
    static final Map<String, List<String>> DEFAULT_KEYS = Map.ofEntries(
            Map.entry("daily_trend", prepend(List.of("date"), TREND)),
            Map.entry("hourly_trend", prepend(List.of("hour"), TREND)),
            Map.entry("by_provider", List.of("provider", "requests", "percentage", "credits", "cost_usd")),
            Map.entry(
                    "by_model",
                    List.of(
                            "model",
                            "provider",
                            "requests",
                            "percentage",
                            "credits",
                            "cost_usd",
                            "input_tokens",
                            "output_tokens",
                            "cache_read_input_tokens",
                            "cache_creation_5m_input_tokens",
                            "cache_creation_1h_input_tokens",
                            "total_tokens",
                            "p95_latency_ms")),
            Map.entry("by_api_key", List.of("api_key_id", "requests", "percentage", "credits", "cost_usd")),
            Map.entry("performance", prepend(List.of("model", "provider", "requests"), LATENCIES)),
            Map.entry(
                    "slow_requests", List.of("request_id", "occurred_at", "provider", "model", "latency_ms", "status")),
            Map.entry("error_details", List.of("total_requests", "failed_requests", "error_rate")),
            Map.entry("error_details.by_error_type", List.of("error_type", "errors", "percentage")),
            Map.entry("error_details.by_model", List.of("model", "provider", "requests", "errors", "error_rate")),
            Map.entry(
                    "error_details.recent_errors",
                    List.of(
                            "request_id",
                            "occurred_at",
                            "provider",
                            "model",
                            "error_type",
                            "http_status",
                            "error_message",
                            "latency_ms")));

    private static final List<String> ARRAY_SECTIONS =
            List.of("daily_trend", "hourly_trend", "by_provider", "by_model", "by_api_key");

    private ReportTables() {}

    /** The tables of a report object, in export order. */
    public static List<ReportTable> of(JsonNode report) {
        JsonNode data = report.path("data");
        List<ReportTable> tables = new ArrayList<>();
        tables.add(SummaryTables.metadata(report));
        if (present(data, SummaryTables.SUMMARY)) {
            tables.add(SummaryTables.summary(data.get(SummaryTables.SUMMARY)));
        }
        for (String section : ARRAY_SECTIONS) {
            if (present(data, section)) {
                tables.add(arrayTable(section, data.get(section)));
            }
        }
        if (present(data, "performance")) {
            tables.add(performance(data.get("performance")));
        }
        if (present(data, "slow_requests")) {
            tables.add(arrayTable("slow_requests", data.get("slow_requests")));
        }
        if (present(data, "error_details")) {
            tables.addAll(errorDetails(data.get("error_details")));
        }
        return tables;
    }

    static ReportTable arrayTable(String name, JsonNode array) {
        List<Column> columns = Rows.columns(array, DEFAULT_KEYS.get(name));
        return new ReportTable(name, SheetTitles.of(name), columns, Rows.of(array, columns));
    }

    /** One table: the overall figures as model "All models", then one row per model. */
    private static ReportTable performance(JsonNode performance) {
        JsonNode byModel = performance.path("by_model");
        JsonNode overall = performance.path("overall");
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        if (overall.isObject()) {
            ObjectNode all = rows.addObject().put("model", ALL_MODELS).putNull("provider");
            overall.fields().forEachRemaining(field -> all.set(field.getKey(), field.getValue()));
        }
        Rows.elements(byModel).forEachRemaining(rows::add);
        List<String> keys = byModel.isArray() && !byModel.isEmpty()
                ? Rows.keys(byModel.get(0), DEFAULT_KEYS.get("performance"))
                : prepend(List.of("model", "provider"), Rows.keys(overall, LATENCIES));
        List<Column> columns = Rows.columnsOf(keys);
        return new ReportTable("performance", SheetTitles.of("performance"), columns, Rows.of(rows, columns));
    }

    /** The scalar figures as a one-row table, then the tables by error type, by model and of recent errors. */
    private static List<ReportTable> errorDetails(JsonNode details) {
        List<String> scalarKeys = new ArrayList<>();
        details.fields().forEachRemaining(field -> {
            if (field.getValue().isValueNode()) {
                scalarKeys.add(field.getKey());
            }
        });
        List<Column> columns =
                Rows.columnsOf(scalarKeys.isEmpty() ? DEFAULT_KEYS.get("error_details") : List.copyOf(scalarKeys));
        List<ReportTable> tables = new ArrayList<>();
        tables.add(new ReportTable(
                "error_details", SheetTitles.of("error_details"), columns, List.of(Rows.cells(details, columns))));
        for (String part : List.of("by_error_type", "by_model", "recent_errors")) {
            tables.add(arrayTable("error_details." + part, details.path(part)));
        }
        return tables;
    }

    private static boolean present(JsonNode data, String section) {
        JsonNode node = data.get(section);
        return node != null && !node.isNull();
    }

    private static List<String> prepend(List<String> head, List<String> tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(tail);
        return List.copyOf(all);
    }
}
