package dev.gatewayreports.reportapi.export;

import dev.gatewayreports.model.report.ReportFields;
import java.util.ArrayList;
import java.util.List;

/** Columns and lazily converted rows of a list section of the report. */
final class Rows {

    private Rows() {}

    /** The columns of a row record in the report type's order; {@code hour} also yields a {@code utc_offset} column. */
    static List<Column> columnsOf(Class<?> rowType, String reportType) {
        List<Column> columns = new ArrayList<>();
        for (String key : ReportFields.keys(rowType, reportType)) {
            columns.add(Column.of(key));
            if (key.equals("hour")) {
                columns.add(new Column("utc_offset", Labels.of("utc_offset"), ColumnType.UTC_OFFSET, "hour"));
            }
        }
        return List.copyOf(columns);
    }

    /** The rows of a list (none when it is null), converted as they are iterated. */
    static Iterable<List<Cell>> of(List<?> rows, List<Column> columns, String reportType) {
        if (rows == null) {
            return List.of();
        }
        return () -> rows.stream().map(row -> cells(row, columns, reportType)).iterator();
    }

    /** One row's cells: the columns are the row's own fields in the same order (the offset reads the hour). */
    static List<Cell> cells(Object row, List<Column> columns, String reportType) {
        List<ReportFields.Field> fields = ReportFields.of(row, reportType);
        List<Cell> cells = new ArrayList<>(columns.size());
        int field = 0;
        for (Column column : columns) {
            if (!column.key().equals(column.sourceKey())) {
                cells.add(
                        CellValues.convert(column.type(), fields.get(field - 1).value()));
            } else {
                cells.add(CellValues.convert(column.type(), fields.get(field++).value()));
            }
        }
        return cells;
    }
}
