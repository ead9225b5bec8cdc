package dev.gatewayreports.reportapi.export;

import dev.gatewayreports.model.report.ChartRole;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xddf.usermodel.PresetColor;
import org.apache.poi.xddf.usermodel.XDDFColor;
import org.apache.poi.xddf.usermodel.XDDFLineProperties;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.MarkerStyle;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFLineChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;

/**
 * The line chart of the daily trend sheet: requests by day (left axis) and cost by day (right axis), the columns
 * whose fields declare those roles ({@link dev.gatewayreports.model.report.TrendFigures}). It collects
 * the points while the rows are streamed, then draws on the sheet's underlying {@link XSSFSheet} (a streaming
 * sheet's own drawing cannot create charts). The series reference the sheet's cells and carry a cache of the
 * values, so viewers that draw from either see the same lines. At most {@value #MAX_POINTS} days are charted.
 */
final class XlsxTrendChart {

    static final int MAX_POINTS = 3_660;
    static final String TITLE = "Requests and cost by day";

    private final List<Column> columns;
    private final int dateColumn;
    private final int requestsColumn;
    private final int costColumn;
    private final List<String> dates = new ArrayList<>();
    private final List<Double> requests = new ArrayList<>();
    private final List<Double> costs = new ArrayList<>();
    private int rows;

    private XlsxTrendChart(List<Column> columns, int dateColumn, int requestsColumn, int costColumn) {
        this.columns = columns;
        this.dateColumn = dateColumn;
        this.requestsColumn = requestsColumn;
        this.costColumn = costColumn;
    }

    /**
     * The chart of a table whose fields declare chart roles (the daily trend: days, requests, cost), or null when
     * it has no categories or no line.
     */
    static XlsxTrendChart forColumns(List<Column> columns) {
        int date = indexOf(columns, ChartRole.CATEGORY);
        int requests = indexOf(columns, ChartRole.LEFT_AXIS);
        int cost = indexOf(columns, ChartRole.RIGHT_AXIS);
        return date < 0 || (requests < 0 && cost < 0) ? null : new XlsxTrendChart(columns, date, requests, cost);
    }

    void add(List<Cell> row) {
        rows++;
        if (dates.size() < MAX_POINTS) {
            Object date = row.get(dateColumn).value();
            dates.add(date == null ? "" : date.toString());
            requests.add(number(row, requestsColumn));
            costs.add(number(row, costColumn));
        }
    }

    /** Draws the chart below the data when it is short, to the right of it otherwise. */
    void draw(SXSSFWorkbook workbook, String sheetName, int columnCount) {
        if (dates.isEmpty()) {
            return;
        }
        XSSFSheet sheet = workbook.getXSSFWorkbook().getSheet(sheetName);
        XSSFDrawing drawing = sheet.createDrawingPatriarch();
        boolean below = rows <= 40;
        int col = below ? 0 : columnCount + 1;
        int row = below ? rows + 2 : 1;
        XSSFClientAnchor anchor = drawing.createAnchor(0, 0, 0, 0, col, row, col + 9, row + 20);
        XSSFChart chart = drawing.createChart(anchor);
        chart.setTitleText(rows > MAX_POINTS ? TITLE + " (first " + MAX_POINTS + " days)" : TITLE);
        chart.setTitleOverlay(false);
        chart.getOrAddLegend().setPosition(LegendPosition.BOTTOM);
        XDDFCategoryDataSource categories =
                XDDFDataSourcesFactory.fromArray(dates.toArray(String[]::new), range(sheetName, dateColumn));
        if (requestsColumn >= 0) {
            line(chart, sheetName, categories, requestsColumn, requests, AxisPosition.LEFT, PresetColor.ROYAL_BLUE);
        }
        if (costColumn >= 0) {
            line(chart, sheetName, categories, costColumn, costs, AxisPosition.RIGHT, PresetColor.DARK_ORANGE);
        }
    }

    private void line(
            XSSFChart chart,
            String sheetName,
            XDDFCategoryDataSource categories,
            int column,
            List<Double> values,
            AxisPosition side,
            PresetColor color) {
        XDDFCategoryAxis dates = chart.createCategoryAxis(AxisPosition.BOTTOM);
        XDDFValueAxis axis = chart.createValueAxis(side);
        axis.crossAxis(dates);
        axis.setTitle(columns.get(column).label());
        dates.crossAxis(axis);
        if (side == AxisPosition.RIGHT) {
            dates.setVisible(false);
            axis.setCrosses(AxisCrosses.MAX);
            axis.setNumberFormat("\"$\"#,##0.00");
        } else {
            axis.setNumberFormat("#,##0");
        }
        XDDFLineChartData data = (XDDFLineChartData) chart.createData(ChartTypes.LINE, dates, axis);
        XDDFNumericalDataSource<Double> source =
                XDDFDataSourcesFactory.fromArray(values.toArray(Double[]::new), range(sheetName, column));
        XDDFLineChartData.Series series = (XDDFLineChartData.Series) data.addSeries(categories, source);
        series.setTitle(columns.get(column).label(), new CellReference(sheetName, 0, column, true, true));
        series.setSmooth(false);
        series.setMarkerStyle(values.size() <= 62 ? MarkerStyle.CIRCLE : MarkerStyle.NONE);
        series.setMarkerSize((short) 5);
        XDDFLineProperties line = new XDDFLineProperties(new XDDFSolidFillProperties(XDDFColor.from(color)));
        line.setWidth(2.0);
        series.setLineProperties(line);
        data.setVaryColors(false);
        chart.plot(data);
    }

    private String range(String sheetName, int column) {
        String cells = new CellRangeAddress(1, dates.size(), column, column).formatAsString(null, true);
        return "'" + sheetName.replace("'", "''") + "'!" + cells;
    }

    private static Double number(List<Cell> row, int column) {
        if (column < 0) {
            return null;
        }
        return row.get(column).value() instanceof BigDecimal number ? number.doubleValue() : null;
    }

    private static int indexOf(List<Column> columns, ChartRole role) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).chart() == role) {
                return i;
            }
        }
        return -1;
    }
}
