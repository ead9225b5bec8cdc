package dev.gatewayreports.reportapi.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The report metadata block and the summary table (one row per figure). */
final class SummaryTables {

    static final String METADATA = "report";
    static final String SUMMARY = "summary";

    private static final List<String> METADATA_KEYS =
            List.of("report_id", "report_type", "team_id", "timezone", "period_start", "period_end");
    private static final List<Column> METADATA_COLUMNS = List.of(
            new Column("field", "Field", ColumnType.TEXT, "field"),
            new Column("value", "Value", ColumnType.TEXT, "value"),
            new Column("key", "Key", ColumnType.TEXT, "key", true));
    private static final List<Column> SUMMARY_COLUMNS = List.of(
            new Column("metric", "Metric", ColumnType.TEXT, "metric"),
            new Column("value", "Value", ColumnType.TEXT, "value"),
            new Column("previous_period", "Previous period", ColumnType.TEXT, "previous_period"),
            new Column("change_percent", "Change (%)", ColumnType.PERCENT, "change_percent"),
            new Column("key", "Field", ColumnType.TEXT, "key", true));

    private SummaryTables() {}

    /** Report type, team, time zone, local days, period, previous period and generation time. */
    static ReportTable metadata(JsonNode report) {
        List<List<Cell>> rows = new ArrayList<>();
        for (String key : METADATA_KEYS) {
            rows.add(metadataRow(key, report.get(key)));
            if (key.equals("timezone")) {
                String days = LocalPeriod.of(report).map(LocalPeriod::describe).orElse(null);
                rows.add(List.of(Cell.text(Labels.of("local_days")), Cell.text(days), Cell.text("local_days")));
            }
        }
        JsonNode previous = report.path("data").path(SUMMARY).path("previous_period");
        if (previous.isObject()) {
            rows.add(metadataRow("previous_period_start", "period_start", previous.get("period_start")));
            rows.add(metadataRow("previous_period_end", "period_end", previous.get("period_end")));
        }
        rows.add(metadataRow("generated_at", report.get("generated_at")));
        return new ReportTable(METADATA, "Report", METADATA_COLUMNS, rows);
    }

    /** One row per figure of {@code data.summary} in {@link FieldOrder}: value, previous value and change percent. */
    static ReportTable summary(JsonNode summary, String type) {
        JsonNode previous = summary.path("previous_period");
        JsonNode change = summary.path("change_percent");
        List<List<Cell>> rows = new ArrayList<>();
        List<String> figures = new ArrayList<>(Rows.keys(summary));
        figures.removeAll(List.of("previous_period", "change_percent"));
        for (String key : FieldOrder.of(SUMMARY, type, figures)) {
            ColumnType columnType = ColumnType.forKey(key);
            rows.add(List.of(
                    Cell.text(Labels.of(key)),
                    CellValues.convert(columnType, summary.get(key)),
                    CellValues.convert(columnType, previous.get(key)),
                    CellValues.convert(ColumnType.PERCENT, change.get(key)),
                    Cell.text(key)));
        }
        return new ReportTable(SUMMARY, "Summary", SUMMARY_COLUMNS, rows);
    }

    private static List<Cell> metadataRow(String key, JsonNode value) {
        return metadataRow(key, key, value);
    }

    private static List<Cell> metadataRow(String key, String typeKey, JsonNode value) {
        Cell cell = CellValues.convert(ColumnType.forKey(typeKey), value);
        return List.of(Cell.text(Labels.of(key)), cell, Cell.text(key));
    }
}
