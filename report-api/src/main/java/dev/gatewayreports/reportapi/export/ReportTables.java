package dev.gatewayreports.reportapi.export;

import dev.gatewayreports.model.report.ApiKeyRow;
import dev.gatewayreports.model.report.DailyTrendRow;
import dev.gatewayreports.model.report.ErrorDetails;
import dev.gatewayreports.model.report.ErrorTypeRow;
import dev.gatewayreports.model.report.HourlyTrendRow;
import dev.gatewayreports.model.report.Latency;
import dev.gatewayreports.model.report.ModelErrorRow;
import dev.gatewayreports.model.report.ModelLatencyRow;
import dev.gatewayreports.model.report.ModelRow;
import dev.gatewayreports.model.report.Performance;
import dev.gatewayreports.model.report.ProviderRow;
import dev.gatewayreports.model.report.RecentError;
import dev.gatewayreports.model.report.Report;
import dev.gatewayreports.model.report.ReportData;
import dev.gatewayreports.model.report.ReportFields;
import dev.gatewayreports.model.report.SlowRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The layout shared by the CSV and XLSX exports: the report (docs/report-object.md) as an ordered list of tables.
 * The first is the report metadata ({@code report}); then, for each section the report holds, in the document's
 * section order, its table(s). Columns and summary rows are the records' fields in the report type's order
 * ({@link dev.gatewayreports.model.report.ReportFields}), the order of the JSON. Rows are converted lazily, so a
 * large section is never copied.
 */
public final class ReportTables {

    /** The label of the performance row that holds the figures over all models. */
    public static final String ALL_MODELS = "All models";

    private ReportTables() {}

    /** The tables of a report, in export order. */
    public static List<ReportTable> of(Report report) {
        ReportData data = report.data();
        String type = report.reportType();
        List<ReportTable> tables = new ArrayList<>();
        tables.add(SummaryTables.metadata(report));
        if (data == null) {
            return tables;
        }
        if (data.summary() != null) {
            tables.add(SummaryTables.summary(data.summary(), type));
        }
        add(tables, "daily_trend", DailyTrendRow.class, data.dailyTrend(), type);
        add(tables, "hourly_trend", HourlyTrendRow.class, data.hourlyTrend(), type);
        add(tables, "by_provider", ProviderRow.class, data.byProvider(), type);
        add(tables, "by_model", ModelRow.class, data.byModel(), type);
        add(tables, "by_api_key", ApiKeyRow.class, data.byApiKey(), type);
        if (data.performance() != null) {
            tables.add(performance(data.performance(), type));
        }
        add(tables, "slow_requests", SlowRequest.class, data.slowRequests(), type);
        if (data.errorDetails() != null) {
            tables.addAll(errorDetails(data.errorDetails(), type));
        }
        return tables;
    }

    private static <T> void add(List<ReportTable> tables, String name, Class<T> rowType, List<T> rows, String type) {
        if (rows != null) {
            tables.add(table(name, rowType, rows, type));
        }
    }

    static <T> ReportTable table(String name, Class<T> rowType, List<T> rows, String type) {
        List<Column> columns = Rows.columnsOf(rowType, type);
        return new ReportTable(name, SheetTitles.of(name), columns, Rows.of(rows, columns, type));
    }

    /** One table: the overall figures as model "All models", then one row per model. */
    private static ReportTable performance(Performance performance, String type) {
        List<ModelLatencyRow> rows = new ArrayList<>();
        Latency overall = performance.overall();
        if (overall != null) {
            rows.add(new ModelLatencyRow(
                    ALL_MODELS,
                    null,
                    overall.requests(),
                    overall.avgLatencyMs(),
                    overall.p50LatencyMs(),
                    overall.p95LatencyMs(),
                    overall.p99LatencyMs(),
                    overall.maxLatencyMs()));
        }
        if (performance.byModel() != null) {
            rows.addAll(performance.byModel());
        }
        return table("performance", ModelLatencyRow.class, rows, type);
    }

    /** The scalar figures as a one-row table, then the tables by error type, by model and of recent errors. */
    private static List<ReportTable> errorDetails(ErrorDetails details, String type) {
        List<Column> columns = new ArrayList<>();
        List<Cell> figures = new ArrayList<>();
        for (ReportFields.Field field : ReportFields.of(details, type)) {
            if (!(field.value() instanceof List)) {
                Column column = Column.of(field.key());
                columns.add(column);
                figures.add(CellValues.convert(column.type(), field.value()));
            }
        }
        List<ReportTable> tables = new ArrayList<>();
        tables.add(new ReportTable("error_details", SheetTitles.of("error_details"), columns, List.of(figures)));
        tables.add(table("error_details.by_error_type", ErrorTypeRow.class, list(details.byErrorType()), type));
        tables.add(table("error_details.by_model", ModelErrorRow.class, list(details.byModel()), type));
        tables.add(table("error_details.recent_errors", RecentError.class, list(details.recentErrors()), type));
        return tables;
    }

    private static <T> List<T> list(List<T> rows) {
        return rows == null ? List.of() : rows;
    }
}
