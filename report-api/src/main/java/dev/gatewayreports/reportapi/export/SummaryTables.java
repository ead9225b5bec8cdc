package dev.gatewayreports.reportapi.export;

import dev.gatewayreports.model.report.ChangePercent;
import dev.gatewayreports.model.report.PreviousPeriod;
import dev.gatewayreports.model.report.Report;
import dev.gatewayreports.model.report.ReportFields;
import dev.gatewayreports.model.report.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The report metadata block and the summary table (one row per figure). */
final class SummaryTables {

    static final String METADATA = "report";
    static final String SUMMARY = "summary";

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

    /** The summary's figures: those with a change percent. */
    private static final Set<String> FIGURES = Set.copyOf(ReportFields.keys(ChangePercent.class, null));

    private SummaryTables() {}

    /** Report type, team, time zone, local days, period, previous period and generation time. */
    static ReportTable metadata(Report report) {
        List<List<Cell>> rows = new ArrayList<>();
        rows.add(metadataRow("report_id", report.reportId()));
        rows.add(metadataRow("report_type", report.reportType()));
        rows.add(metadataRow("team_id", report.teamId()));
        rows.add(metadataRow("timezone", report.timezone()));
        String days = LocalPeriod.of(report).map(LocalPeriod::describe).orElse(null);
        rows.add(List.of(Cell.text(Labels.of("local_days")), Cell.text(days), Cell.text("local_days")));
        rows.add(metadataRow("period_start", report.periodStart()));
        rows.add(metadataRow("period_end", report.periodEnd()));
        Summary summary = report.data() == null ? null : report.data().summary();
        PreviousPeriod previous = summary == null ? null : summary.previousPeriod();
        if (previous != null) {
            rows.add(metadataRow("previous_period_start", "period_start", previous.periodStart()));
            rows.add(metadataRow("previous_period_end", "period_end", previous.periodEnd()));
        }
        rows.add(metadataRow("generated_at", report.generatedAt()));
        return new ReportTable(METADATA, "Report", METADATA_COLUMNS, rows);
    }

    /**
     * One row per figure of the summary, in the report type's order (docs/report-object.md): value, the previous
     * period's value of the same figure and the change percent.
     */
    static ReportTable summary(Summary summary, String type) {
        Map<String, Object> previous = ReportFields.byKey(summary.previousPeriod());
        Map<String, Object> change = ReportFields.byKey(summary.changePercent());
        List<List<Cell>> rows = new ArrayList<>();
        for (ReportFields.Field figure : ReportFields.of(summary, type)) {
            if (!FIGURES.contains(figure.key())) {
                continue; // previous_period and change_percent: the columns of each row
            }
            ColumnType columnType = ColumnType.forKey(figure.key());
            rows.add(List.of(
                    Cell.text(Labels.of(figure.key())),
                    CellValues.convert(columnType, figure.value()),
                    CellValues.convert(columnType, previous.get(figure.key())),
                    CellValues.convert(ColumnType.PERCENT, change.get(figure.key())),
                    Cell.text(figure.key())));
        }
        return new ReportTable(SUMMARY, "Summary", SUMMARY_COLUMNS, rows);
    }

    private static List<Cell> metadataRow(String key, String value) {
        return metadataRow(key, key, value);
    }

    private static List<Cell> metadataRow(String key, String typeKey, String value) {
        Cell cell = CellValues.convert(ColumnType.forKey(typeKey), value);
        return List.of(Cell.text(Labels.of(key)), cell, Cell.text(key));
    }
}
