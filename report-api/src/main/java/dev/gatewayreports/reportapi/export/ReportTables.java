package dev.gatewayreports.reportapi.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The layout shared by the CSV and XLSX exports: the report object (docs/report-object.md) as an ordered list of
 * tables. The first is the report metadata ({@code report}); then, for each section present in {@code data}, in
 * the document's section order, its table(s). Columns and summary rows follow {@link FieldOrder}, never the
 * stored key order. Rows are converted lazily, so a large section is never copied.
 */
public final class ReportTables {

    /** The label of the performance row that holds the figures over all models. */
    public static final String ALL_MODELS = "All models";

    private static final List<String> ARRAY_SECTIONS =
            List.of("daily_trend", "hourly_trend", "by_provider", "by_model", "by_api_key");

    private ReportTables() {}

    /** The tables of a report object, in export order. */
    public static List<ReportTable> of(JsonNode report) {
        JsonNode data = report.path("data");
        String type = report.path("report_type").asText(null);
        List<ReportTable> tables = new ArrayList<>();
        tables.add(SummaryTables.metadata(report));
        if (present(data, SummaryTables.SUMMARY)) {
            tables.add(SummaryTables.summary(data.get(SummaryTables.SUMMARY), type));
        }
        for (String section : ARRAY_SECTIONS) {
            if (present(data, section)) {
                tables.add(arrayTable(section, data.get(section), type));
            }
        }
        if (present(data, "performance")) {
            tables.add(performance(data.get("performance"), type));
        }
        if (present(data, "slow_requests")) {
            tables.add(arrayTable("slow_requests", data.get("slow_requests"), type));
        }
        if (present(data, "error_details")) {
            tables.addAll(errorDetails(data.get("error_details"), type));
        }
        return tables;
    }

    static ReportTable arrayTable(String name, JsonNode array, String type) {
        List<Column> columns = Rows.columnsOf(FieldOrder.of(name, type, Rows.keys(Rows.first(array))));
        return new ReportTable(name, SheetTitles.of(name), columns, Rows.of(array, columns));
    }

    /** One table: the overall figures as model "All models", then one row per model. */
    private static ReportTable performance(JsonNode performance, String type) {
        JsonNode byModel = performance.path("by_model");
        JsonNode overall = performance.path("overall");
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        if (overall.isObject()) {
            ObjectNode all = rows.addObject().put("model", ALL_MODELS).putNull("provider");
            overall.fields().forEachRemaining(field -> all.set(field.getKey(), field.getValue()));
        }
        Rows.elements(byModel).forEachRemaining(rows::add);
        Set<String> keys = new LinkedHashSet<>(Rows.keys(Rows.first(byModel)));
        if (keys.isEmpty() && overall.isObject() && !overall.isEmpty()) {
            keys.add("model");
            keys.add("provider");
            keys.addAll(Rows.keys(overall));
        }
        List<Column> columns = Rows.columnsOf(FieldOrder.of("performance", type, keys));
        return new ReportTable("performance", SheetTitles.of("performance"), columns, Rows.of(rows, columns));
    }

    /** The scalar figures as a one-row table, then the tables by error type, by model and of recent errors. */
    private static List<ReportTable> errorDetails(JsonNode details, String type) {
        List<String> scalarKeys = new ArrayList<>();
        details.fields().forEachRemaining(field -> {
            if (field.getValue().isValueNode()) {
                scalarKeys.add(field.getKey());
            }
        });
        List<Column> columns = Rows.columnsOf(FieldOrder.of("error_details", type, scalarKeys));
        List<ReportTable> tables = new ArrayList<>();
        tables.add(new ReportTable(
                "error_details", SheetTitles.of("error_details"), columns, List.of(Rows.cells(details, columns))));
        for (String part : List.of("by_error_type", "by_model", "recent_errors")) {
            tables.add(arrayTable("error_details." + part, details.path(part), type));
        }
        return tables;
    }

    private static boolean present(JsonNode data, String section) {
        JsonNode node = data.get(section);
        return node != null && !node.isNull();
    }
}
