package dev.gatewayreports.reportapi.export;

import dev.gatewayreports.model.report.ChartRole;
import dev.gatewayreports.model.report.ReportField;

/**
 * One column of a {@link ReportTable}.
 *
 * @param key the machine name (the CSV header)
 * @param label the human name (the XLSX header)
 * @param type how its values are presented
 * @param chart what the column is in the table's chart
 * @param csvOnly a column for programs (the summary's field keys), left out of the XLSX that people read
 */
public record Column(String key, String label, ColumnType type, ChartRole chart, boolean csvOnly) {

    /** A column shown in both exports, not charted. */
    public Column(String key, String label, ColumnType type) {
        this(key, label, type, ChartRole.NONE, false);
    }

    /** A column only the CSV has. */
    static Column csvOnly(String key, String label, ColumnType type) {
        return new Column(key, label, type, ChartRole.NONE, true);
    }

    /** The column of a report field: its JSON name, title, kind and chart role. */
    public static Column of(ReportField<?> field) {
        return new Column(field.name(), field.title(), ColumnType.of(field.kind()), field.chart(), false);
    }
}
