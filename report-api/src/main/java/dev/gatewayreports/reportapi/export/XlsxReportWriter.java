package dev.gatewayreports.reportapi.export;

import dev.gatewayreports.model.report.Report;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes a report object as an XLSX workbook with Apache POI's streaming API (at most {@value #WINDOW} rows of a
 * sheet in memory; the rest goes to temporary files, deleted when done). A Summary sheet (the report metadata,
 * then the summary figures when the report has them) and one sheet per other table of {@link ReportTables}.
 *
 * <p>Numbers are numeric cells (counts {@code #,##0}, credits {@code #,##0.00####}, USD {@code "$"#,##0.00####},
 * latencies {@code #,##0.0}); percents keep the report's value (55.1 means 55.1 %) with the format {@code
 * 0.00"%"}, so the cell holds 55.1 and shows 55.10%. Dates are date cells, local hours local date-time cells with
 * their UTC offset in the next column, instants date-time cells in UTC. Text cells are never evaluated, so they
 * are written as they are. Header rows are bold, frozen and filterable; columns are sized to their content. The
 * daily trend sheet carries a line chart of requests and cost.
 */
public final class XlsxReportWriter {

    /** The media type of the file. */
    public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** The file name extension. */
    public static final String EXTENSION = "xlsx";

    static final int WINDOW = 100;
    static final String SUMMARY_SHEET = "Summary";

    private XlsxReportWriter() {}

    /** Writes the report to {@code out}; does not close it. */
    public static void write(Report report, OutputStream out) throws IOException {
        SXSSFWorkbook workbook = new SXSSFWorkbook(null, WINDOW, false, false);
        try {
            XlsxStyles styles = new XlsxStyles(workbook);
            List<ReportTable> tables = ReportTables.of(report);
            writeSummarySheet(workbook, styles, report, tables);
            for (ReportTable table : tables) {
                if (!isSummary(table)) {
                    writeTableSheet(workbook, styles, table);
                }
            }
            workbook.write(out);
        } finally {
            workbook.dispose();
            workbook.close();
        }
    }

    /** The title, the report metadata, then the summary table when there is one. */
    private static void writeSummarySheet(
            SXSSFWorkbook workbook, XlsxStyles styles, Report report, List<ReportTable> tables) {
        SXSSFSheet sheet = workbook.createSheet(SUMMARY_SHEET);
        XlsxSheetWriter writer = new XlsxSheetWriter(sheet, styles, 5);
        writer.title(0, title(report));
        int row = 2;
        for (ReportTable table : tables) {
            if (table.name().equals(SummaryTables.METADATA)) {
                for (List<Cell> cells : table.rows()) {
                    writer.labelled(row++, String.valueOf(cells.get(0).value()), cells.get(1));
                }
            } else if (table.name().equals(SummaryTables.SUMMARY)) {
                writeTable(writer, table, row + 1, null);
            }
        }
        writer.finish();
    }

    private static void writeTableSheet(SXSSFWorkbook workbook, XlsxStyles styles, ReportTable table) {
        SXSSFSheet sheet = workbook.createSheet(WorkbookUtil.createSafeSheetName(table.title()));
        XlsxSheetWriter writer =
                new XlsxSheetWriter(sheet, styles, table.columns().size());
        XlsxTrendChart chart = XlsxTrendChart.forColumns(table.columns());
        writeTable(writer, table, 0, chart);
        writer.finish();
        if (chart != null) {
            chart.draw(workbook, sheet.getSheetName(), table.columns().size());
        }
    }

    /** Header row (frozen, with a filter), then the rows, each also given to the chart when there is one. */
    private static void writeTable(XlsxSheetWriter writer, ReportTable table, int headerRow, XlsxTrendChart chart) {
        writer.header(headerRow, table.columns());
        int row = headerRow;
        for (List<Cell> cells : table.rows()) {
            writer.row(++row, table.columns(), cells);
            if (chart != null) {
                chart.add(cells);
            }
        }
        writer.sheet().createFreezePane(0, headerRow + 1);
        writer.sheet()
                .setAutoFilter(new CellRangeAddress(
                        headerRow, Math.max(row, headerRow + 1), 0, lastShownColumn(table.columns())));
    }

    private static int lastShownColumn(List<Column> columns) {
        int last = columns.size() - 1;
        while (last > 0 && columns.get(last).csvOnly()) {
            last--;
        }
        return last;
    }

    private static boolean isSummary(ReportTable table) {
        return table.name().equals(SummaryTables.METADATA) || table.name().equals(SummaryTables.SUMMARY);
    }

    /** "Usage report · team_xyz". */
    private static String title(Report report) {
        String type = report.reportType() == null ? "" : report.reportType();
        String name = type.isEmpty()
                ? "Report"
                : type.substring(0, 1).toUpperCase(Locale.ROOT) + type.substring(1) + " report";
        String team = report.teamId() == null ? "" : report.teamId();
        return team.isEmpty() ? name : name + " · " + team;
    }
}
