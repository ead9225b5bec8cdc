package dev.gatewayreports.reportapi.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class XlsxReportWriterTest {

    static final List<String> ALL_SHEETS = List.of(
            "Summary",
            "Daily trend",
            "Hourly trend",
            "By provider",
            "By model",
            "By API key",
            "Performance",
            "Slow requests",
            "Errors",
            "Errors by type",
            "Errors by model",
            "Recent errors");

    private final JsonNode report = SampleReports.comprehensive();
    private XSSFWorkbook workbook;

    @BeforeEach
    void export() throws IOException {
        workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx(report)));
    }

    @AfterEach
    void close() throws IOException {
        workbook.close();
    }

    @Test
    void shouldWriteASummarySheetAndOneSheetPerTable() {
        List<String> names = new ArrayList<>();
        workbook.forEach(sheet -> names.add(sheet.getSheetName()));
        assertEquals(ALL_SHEETS, names);
    }

    @Test
    void shouldFreezeAndEmbolden_theHeaderRowOfEverySheet() {
        for (Sheet sheet : workbook) {
            PaneInformation pane = sheet.getPaneInformation();
            assertNotNull(pane, sheet.getSheetName());
            int header = pane.getHorizontalSplitTopRow() - 1;
            Row row = sheet.getRow(header);
            assertTrue(
                    workbook.getFontAt(row.getCell(0).getCellStyle().getFontIndex())
                            .getBold(),
                    sheet.getSheetName());
            if (!sheet.getSheetName().equals("Summary")) {
                assertEquals(0, header, sheet.getSheetName());
            }
        }
    }

    @Test
    void shouldWriteNumbersAndDatesAsTypedCellsInTheirFormats() {
        Sheet daily = workbook.getSheet("Daily trend");
        assertEquals("Date", daily.getRow(0).getCell(0).getStringCellValue());
        Cell date = daily.getRow(1).getCell(0);
        assertEquals(CellType.NUMERIC, date.getCellType());
        assertTrue(DateUtil.isCellDateFormatted(date));
        assertEquals("yyyy-mm-dd", date.getCellStyle().getDataFormatString());
        assertEquals(LocalDate.of(2024, 11, 1).atStartOfDay(), date.getLocalDateTimeCellValue());
        assertNumber(daily, 1, "Requests", 150000, "#,##0");
        assertNumber(daily, 1, "Error rate (%)", 2.60, "0.00\"%\"");
        assertNumber(daily, 1, "Credits", 14109.3, "#,##0.00####");
        assertNumber(daily, 1, "Cost (USD)", 617.280071, "\"$\"#,##0.00####");
        assertNumber(daily, 7, "Cost (USD)", 0.000001, "\"$\"#,##0.00####");
        assertEquals(null, cell(daily, 4, "Error rate (%)"), "null leaves the cell empty");

        Sheet slow = workbook.getSheet("Slow requests");
        Cell occurred = cell(slow, 2, "Occurred at (UTC)");
        assertEquals(LocalDateTime.of(2024, 11, 3, 6, 30, 0, 500_000_000), occurred.getLocalDateTimeCellValue());
        assertEquals("yyyy-mm-dd hh:mm:ss", occurred.getCellStyle().getDataFormatString());
        assertNumber(slow, 1, "Latency (ms)", 29999.9, "#,##0.0");
        assertNumber(workbook.getSheet("Recent errors"), 1, "HTTP status", 429, "#,##0");
    }

    @Test
    void shouldShowTheTwoFallBackHoursWithTheirOffsets() {
        Sheet hourly = workbook.getSheet("Hourly trend");
        LocalDateTime one = LocalDateTime.of(2024, 11, 3, 1, 0);
        assertEquals(one, cell(hourly, 2, "Hour (local)").getLocalDateTimeCellValue());
        assertEquals(one, cell(hourly, 3, "Hour (local)").getLocalDateTimeCellValue());
        assertEquals(
                "yyyy-mm-dd hh:mm",
                cell(hourly, 2, "Hour (local)").getCellStyle().getDataFormatString());
        assertEquals("UTC-04:00", cell(hourly, 2, "UTC offset").getStringCellValue());
        assertEquals("UTC-05:00", cell(hourly, 3, "UTC offset").getStringCellValue());
        assertNumber(hourly, 3, "Requests", 30, "#,##0");
    }

    @Test
    void shouldWriteTheSummaryWithMetadataAndOneRowPerFigure() {
        Sheet summary = workbook.getSheet("Summary");
        assertEquals(
                "Comprehensive report · team_xyz", summary.getRow(0).getCell(0).getStringCellValue());
        assertEquals("Report type", summary.getRow(3).getCell(0).getStringCellValue());
        assertEquals("comprehensive", summary.getRow(3).getCell(1).getStringCellValue());
        assertEquals("America/New_York", summary.getRow(5).getCell(1).getStringCellValue());
        assertEquals(
                LocalDateTime.of(2024, 11, 1, 4, 0),
                summary.getRow(7).getCell(1).getLocalDateTimeCellValue());
        int header = summary.getPaneInformation().getHorizontalSplitTopRow() - 1;
        assertEquals("Metric", summary.getRow(header).getCell(0).getStringCellValue());
        Row requests = summary.getRow(header + 1);
        assertEquals("Total requests", requests.getCell(0).getStringCellValue());
        assertEquals(1234567, requests.getCell(1).getNumericCellValue());
        assertEquals("#,##0", requests.getCell(1).getCellStyle().getDataFormatString());
        assertEquals(-11.82, requests.getCell(3).getNumericCellValue(), 1e-9);
        assertEquals("0.00\"%\"", requests.getCell(3).getCellStyle().getDataFormatString());
        Row cost = summary.getRow(header + 6);
        assertEquals("Total cost (USD)", cost.getCell(0).getStringCellValue());
        assertEquals(4321.000001, cost.getCell(1).getNumericCellValue(), 1e-9);
        assertEquals("\"$\"#,##0.00####", cost.getCell(1).getCellStyle().getDataFormatString());
        assertEquals(null, summary.getRow(header + 16).getCell(1), "p95 latency is null");
    }

    @Test
    void shouldKeepFormulaLookingTextAsPlainStringsAndNeverWriteFormulas() {
        Sheet providers = workbook.getSheet("By provider");
        assertEquals(SampleReports.CALC, cell(providers, 1, "Provider").getStringCellValue());
        assertEquals("-2", cell(providers, 3, "Provider").getStringCellValue());
        assertEquals(CellType.STRING, cell(providers, 3, "Provider").getCellType());
        for (Sheet sheet : workbook) {
            for (Row row : sheet) {
                row.forEach(cell -> assertFalse(cell.getCellType() == CellType.FORMULA, sheet.getSheetName()));
            }
        }
    }

    @Test
    void shouldPutAllModelsFirstInPerformanceAndSplitErrorDetails() {
        Sheet performance = workbook.getSheet("Performance");
        assertEquals("All models", cell(performance, 1, "Model").getStringCellValue());
        assertEquals("gpt-4o", cell(performance, 3, "Model").getStringCellValue());
        assertEquals(3, performance.getLastRowNum());
        Sheet errors = workbook.getSheet("Errors");
        assertEquals(34567, cell(errors, 1, "Failed requests").getNumericCellValue());
        assertEquals(0, workbook.getSheet("Errors by model").getLastRowNum(), "empty table: header only");
        assertEquals(
                "Model",
                workbook.getSheet("Errors by model").getRow(0).getCell(0).getStringCellValue());
    }

    @Test
    void shouldSizeColumnsToTheirContent() {
        Sheet errors = workbook.getSheet("Recent errors");
        int message = column(errors, "Error message");
        assertTrue(errors.getColumnWidth(message) > errors.getColumnWidth(column(errors, "HTTP status")));
        assertTrue(errors.getColumnWidth(message) <= 62 * 256);
        Sheet daily = workbook.getSheet("Daily trend");
        assertTrue(daily.getColumnWidth(column(daily, "Total tokens")) >= 13 * 256);
    }

    @Test
    void shouldDrawALineChartOfRequestsAndCostOnTheDailyTrendSheet() {
        XSSFDrawing drawing = ((XSSFSheet) workbook.getSheet("Daily trend")).getDrawingPatriarch();
        assertNotNull(drawing);
        List<XSSFChart> charts = drawing.getCharts();
        assertEquals(1, charts.size());
        XSSFChart chart = charts.get(0);
        assertEquals(XlsxTrendChart.TITLE, chart.getTitleText().getString());
        var lines = chart.getCTChart().getPlotArea().getLineChartList();
        assertEquals(2, lines.size());
        assertEquals(
                "'Daily trend'!$B$2:$B$8",
                lines.get(0).getSerArray(0).getVal().getNumRef().getF());
        assertEquals(
                "'Daily trend'!$G$2:$G$8",
                lines.get(1).getSerArray(0).getVal().getNumRef().getF());
        assertEquals(
                7,
                lines.get(0)
                        .getSerArray(0)
                        .getVal()
                        .getNumRef()
                        .getNumCache()
                        .getPtCount()
                        .getVal());
        assertEquals(2, chart.getCTChart().getPlotArea().getValAxList().size(), "cost on a second axis");
        assertEquals(null, ((XSSFSheet) workbook.getSheet("Hourly trend")).getDrawingPatriarch());
    }

    private static void assertNumber(Sheet sheet, int row, String column, double value, String format) {
        Cell cell = cell(sheet, row, column);
        assertEquals(CellType.NUMERIC, cell.getCellType(), column);
        assertEquals(value, cell.getNumericCellValue(), Math.abs(value) * 1e-12, column);
        assertEquals(format, cell.getCellStyle().getDataFormatString(), column);
    }

    private static Cell cell(Sheet sheet, int row, String column) {
        return sheet.getRow(row).getCell(column(sheet, column));
    }

    private static int column(Sheet sheet, String label) {
        for (Cell cell : sheet.getRow(0)) {
            if (cell.getStringCellValue().equals(label)) {
                return cell.getColumnIndex();
            }
        }
        throw new AssertionError("no column " + label + " in " + sheet.getSheetName());
    }

    static byte[] xlsx(JsonNode report) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxReportWriter.write(SampleReports.typed(report), out);
        return out.toByteArray();
    }
}
