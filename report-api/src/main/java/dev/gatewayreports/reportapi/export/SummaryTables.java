package dev.gatewayreports.reportapi.export;

import dev.gatewayreports.model.report.ChangePercent;
import dev.gatewayreports.model.report.ChartRole;
import dev.gatewayreports.model.report.FieldKind;
import dev.gatewayreports.model.report.Focus;
import dev.gatewayreports.model.report.PreviousPeriod;
import dev.gatewayreports.model.report.Report;
import dev.gatewayreports.model.report.ReportField;
import dev.gatewayreports.model.report.Summary;
import dev.gatewayreports.model.report.SummaryFigures;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The report metadata block and the summary table (one row per figure). */
final class SummaryTables {

    static final String METADATA = "report";
    static final String SUMMARY = "summary";

    private static final List<Column> METADATA_COLUMNS = List.of(
            new Column("field", "Field", ColumnType.TEXT),
            new Column("value", "Value", ColumnType.TEXT),
            Column.csvOnly("key", "Key", ColumnType.TEXT));

    /** The summary's value columns: figures of every kind, so text-typed, yet numbers (their headers align right). */
    static final Column VALUE = new Column("value", "Value", ColumnType.TEXT);

    static final Column PREVIOUS = new Column("previous_period", "Previous period", ColumnType.TEXT);

    private static final List<Column> SUMMARY_COLUMNS = List.of(
            new Column("metric", "Metric", ColumnType.TEXT),
            VALUE,
            PREVIOUS,
            new Column("change_percent", "Change (%)", ColumnType.PERCENT),
            Column.csvOnly("key", "Field", ColumnType.TEXT));

    /** The metadata rows that are no field of the report: its local days and the previous period's window. */
    private static final ReportField<Report> LOCAL_DAYS = field(
            "local_days",
            "Local days",
            FieldKind.TEXT,
            r -> LocalPeriod.of(r).map(LocalPeriod::describe).orElse(null));

    private static final ReportField<PreviousPeriod> PREVIOUS_START = field(
            "previous_period_start", "Previous period start (UTC)", FieldKind.INSTANT, PreviousPeriod::periodStart);
    private static final ReportField<PreviousPeriod> PREVIOUS_END =
            field("previous_period_end", "Previous period end (UTC)", FieldKind.INSTANT, PreviousPeriod::periodEnd);

    private SummaryTables() {}

    /** Report type, team, time zone, local days, period, previous period and generation time. */
    static ReportTable metadata(Report report) {
        List<List<Cell>> rows = new ArrayList<>();
        rows.add(metadataRow(Report.REPORT_ID, report));
        rows.add(metadataRow(Report.REPORT_TYPE, report));
        rows.add(metadataRow(Report.TEAM_ID, report));
        rows.add(metadataRow(Report.TIMEZONE, report));
        rows.add(metadataRow(LOCAL_DAYS, report));
        rows.add(metadataRow(Report.PERIOD_START, report));
        rows.add(metadataRow(Report.PERIOD_END, report));
        Summary summary = report.data() == null ? null : report.data().summary();
        PreviousPeriod previous = summary == null ? null : summary.previousPeriod();
        if (previous != null) {
            rows.add(metadataRow(PREVIOUS_START, previous));
            rows.add(metadataRow(PREVIOUS_END, previous));
        }
        rows.add(metadataRow(Report.GENERATED_AT, report));
        return new ReportTable(METADATA, "Report", METADATA_COLUMNS, rows);
    }

    /**
     * One row per figure of the summary, in the report type's order (docs/report-object.md): value, the previous
     * period's value of the same figure and the change percent.
     */
    static ReportTable summary(Summary summary, String type) {
        PreviousPeriod previous = summary.previousPeriod();
        ChangePercent change = summary.changePercent();
        List<List<Cell>> rows = new ArrayList<>();
        for (SummaryFigures.Figure figure : SummaryFigures.inOrder(type)) {
            ReportField<SummaryFigures> value = figure.value();
            ColumnType columnType = ColumnType.of(value.kind());
            rows.add(List.of(
                    Cell.text(value.title()),
                    CellValues.convert(columnType, value.valueOf(summary)),
                    CellValues.convert(columnType, previous == null ? null : value.valueOf(previous)),
                    CellValues.convert(
                            ColumnType.of(figure.change().kind()),
                            change == null ? null : figure.change().valueOf(change)),
                    Cell.text(value.name())));
        }
        return new ReportTable(SUMMARY, "Summary", SUMMARY_COLUMNS, rows);
    }

    private static <R> List<Cell> metadataRow(ReportField<R> field, R record) {
        Cell cell = CellValues.convert(ColumnType.of(field.kind()), field.valueOf(record));
        return List.of(Cell.text(field.title()), cell, Cell.text(field.name()));
    }

    private static <R> ReportField<R> field(String name, String title, FieldKind kind, Function<R, ?> value) {
        return new ReportField<>(name, title, kind, Focus.NONE, ChartRole.NONE, value);
    }
}
