package dev.gatewayreports.reportapi.export;

import dev.gatewayreports.model.report.ApiKeyRow;
import dev.gatewayreports.model.report.DailyTrendRow;
import dev.gatewayreports.model.report.ErrorDetails;
import dev.gatewayreports.model.report.ErrorTypeRow;
import dev.gatewayreports.model.report.FieldKind;
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
import dev.gatewayreports.model.report.ReportField;
import dev.gatewayreports.model.report.ReportFields;
import dev.gatewayreports.model.report.SlowRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The layout shared by the CSV and XLSX exports: the report (docs/report-object.md) as an ordered list of tables.
 * The first is the report metadata ({@code report}); then, for each section the report holds, in the document's
 * section order, its table(s). Tables, columns and summary rows are the records' declared fields in the report
 * type's order ({@link dev.gatewayreports.model.report.ReportFields}): the JSON's names and order, with their titles
 * and kinds. Rows are converted lazily, so a
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
        add(tables, ReportData.DAILY_TREND, DailyTrendRow.FIELDS, data.dailyTrend(), type);
        add(tables, ReportData.HOURLY_TREND, HourlyTrendRow.FIELDS, data.hourlyTrend(), type);
        add(tables, ReportData.BY_PROVIDER, ProviderRow.FIELDS, data.byProvider(), type);
        add(tables, ReportData.BY_MODEL, ModelRow.FIELDS, data.byModel(), type);
        add(tables, ReportData.BY_API_KEY, ApiKeyRow.FIELDS, data.byApiKey(), type);
        if (data.performance() != null) {
            tables.add(performance(data.performance(), type));
        }
        add(tables, ReportData.SLOW_REQUESTS, SlowRequest.FIELDS, data.slowRequests(), type);
        if (data.errorDetails() != null) {
            tables.addAll(errorDetails(data.errorDetails(), type));
        }
        return tables;
    }

    private static <T> void add(
            List<ReportTable> tables,
            ReportField<ReportData> section,
            ReportFields<T> fields,
            List<T> rows,
            String type) {
        if (rows != null) {
            tables.add(table(section.name(), section.title(), fields, rows, type));
        }
    }

    static <T> ReportTable table(String name, String title, ReportFields<T> fields, List<T> rows, String type) {
        return new ReportTable(name, title, Rows.columnsOf(fields, type), Rows.of(rows, fields, type));
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
        ReportField<ReportData> section = ReportData.PERFORMANCE;
        return table(section.name(), section.title(), ModelLatencyRow.FIELDS, rows, type);
    }

    /** The scalar figures as a one-row table, then the tables by error type, by model and of recent errors. */
    private static List<ReportTable> errorDetails(ErrorDetails details, String type) {
        List<Column> columns = new ArrayList<>();
        List<Cell> figures = new ArrayList<>();
        for (ReportField<? super ErrorDetails> field : ErrorDetails.FIELDS.in(type)) {
            if (field.kind() != FieldKind.PART) {
                Column column = Column.of(field);
                columns.add(column);
                figures.add(CellValues.convert(column.type(), field.valueOf(details)));
            }
        }
        ReportField<ReportData> section = ReportData.ERROR_DETAILS;
        List<ReportTable> tables = new ArrayList<>();
        tables.add(new ReportTable(section.name(), section.title(), columns, List.of(figures)));
        tables.add(errors(ErrorDetails.BY_ERROR_TYPE, ErrorTypeRow.FIELDS, details.byErrorType(), type));
        tables.add(errors(ErrorDetails.BY_MODEL, ModelErrorRow.FIELDS, details.byModel(), type));
        tables.add(errors(ErrorDetails.RECENT_ERRORS, RecentError.FIELDS, details.recentErrors(), type));
        return tables;
    }

    /** A list of the error details, named {@code error_details.<list>}. */
    private static <T> ReportTable errors(
            ReportField<ErrorDetails> list, ReportFields<T> fields, List<T> rows, String type) {
        String name = ReportData.ERROR_DETAILS.name() + "." + list.name();
        return table(name, list.title(), fields, rows == null ? List.of() : rows, type);
    }
}
