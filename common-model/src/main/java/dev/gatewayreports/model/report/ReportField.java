package dev.gatewayreports.model.report;

import java.util.function.Function;

/**
 * One component of a report record as every writer sees it: its JSON name (the CSV header), its title (the XLSX
 * header), its kind (how a cell is formatted), the focus figure it is, its role in a chart, and how it is read. Each
 * record declares its fields once, beside its components ({@code FIELDS}); the shared columns come from {@link
 * ReportColumn}.
 *
 * @param <R> the record (or an interface of records, for fields two records share)
 */
public record ReportField<R>(
        String name, String title, FieldKind kind, Focus focus, ChartRole chart, Function<? super R, ?> accessor) {

    /** A nested record or list of rows: a part of the report. */
    public static <R> ReportField<R> part(String name, String title, Function<? super R, ?> accessor) {
        return new ReportField<>(name, title, FieldKind.PART, Focus.NONE, ChartRole.NONE, accessor);
    }

    /** Whether a section is shown. */
    public static <R> ReportField<R> flag(String name, String title, Function<? super R, Boolean> accessor) {
        return new ReportField<>(name, title, FieldKind.FLAG, Focus.NONE, ChartRole.NONE, accessor);
    }

    /** The value of this field in a record (null when it holds none). */
    public Object valueOf(R record) {
        return accessor.apply(record);
    }
}
