package dev.gatewayreports.reportapi.export;

import dev.gatewayreports.model.report.FieldKind;
import dev.gatewayreports.model.report.ReportField;
import dev.gatewayreports.model.report.ReportFields;
import java.util.ArrayList;
import java.util.List;

/** Columns and lazily converted rows of a list section of the report. */
final class Rows {

    /** The column after each local hour: its UTC offset, which the hour's value carries. */
    static final Column UTC_OFFSET = new Column("utc_offset", "UTC offset", ColumnType.UTC_OFFSET);

    private Rows() {}

    /** The columns of a row record in the report type's order; an hour also yields a {@code utc_offset} column. */
    static <R> List<Column> columnsOf(ReportFields<R> fields, String reportType) {
        List<Column> columns = new ArrayList<>();
        for (ReportField<? super R> field : fields.in(reportType)) {
            columns.add(Column.of(field));
            if (field.kind() == FieldKind.HOUR) {
                columns.add(UTC_OFFSET);
            }
        }
        return List.copyOf(columns);
    }

    /** The rows of a list (none when it is null), converted as they are iterated. */
    static <R> Iterable<List<Cell>> of(List<R> rows, ReportFields<R> fields, String reportType) {
        if (rows == null) {
            return List.of();
        }
        List<ReportField<? super R>> order = fields.in(reportType);
        return () -> rows.stream().map(row -> cells(row, order)).iterator();
    }

    /** One row's cells, in the order of {@link #columnsOf} (the offset reads the hour). */
    private static <R> List<Cell> cells(R row, List<ReportField<? super R>> fields) {
        List<Cell> cells = new ArrayList<>(fields.size() + 1);
        for (ReportField<? super R> field : fields) {
            Object value = field.valueOf(row);
            cells.add(CellValues.convert(ColumnType.of(field.kind()), value));
            if (field.kind() == FieldKind.HOUR) {
                cells.add(CellValues.convert(ColumnType.UTC_OFFSET, value));
            }
        }
        return cells;
    }
}
