package dev.gatewayreports.reportapi.export;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * Writes rows into one streaming sheet and tracks each column's widest content, since a streamed sheet cannot be
 * auto-sized afterwards; {@link #finish()} sets the widths.
 */
final class XlsxSheetWriter {

    private static final int MIN_WIDTH = 8;
    private static final int MAX_WIDTH = 60;
    private static final int FILTER_BUTTON = 3;
    private static final int MAX_TEXT = SpreadsheetVersion.EXCEL2007.getMaxTextLength();

    private final Sheet sheet;
    private final XlsxStyles styles;
    private final int[] widths;

    XlsxSheetWriter(Sheet sheet, XlsxStyles styles, int columns) {
        this.sheet = sheet;
        this.styles = styles;
        this.widths = new int[Math.max(columns, 2)];
    }

    Sheet sheet() {
        return sheet;
    }

    /** The header row of the columns that the XLSX shows (see {@link Column#csvOnly()}). */
    void header(int rowIndex, List<Column> columns) {
        Row row = sheet.createRow(rowIndex);
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            if (column.csvOnly()) {
                continue;
            }
            org.apache.poi.ss.usermodel.Cell cell = row.createCell(i);
            cell.setCellValue(column.label());
            cell.setCellStyle(styles.header(column));
            track(i, column.label().length() + FILTER_BUTTON);
        }
    }

    void row(int rowIndex, List<Column> columns, List<Cell> cells) {
        Row row = sheet.createRow(rowIndex);
        for (int i = 0; i < cells.size(); i++) {
            if (!columns.get(i).csvOnly()) {
                put(row, i, cells.get(i));
            }
        }
    }

    /** A bold label and its value, for the report metadata at the top of the Summary sheet. */
    void labelled(int rowIndex, String label, Cell value) {
        Row row = sheet.createRow(rowIndex);
        org.apache.poi.ss.usermodel.Cell cell = row.createCell(0);
        cell.setCellValue(label);
        cell.setCellStyle(styles.label());
        track(0, label.length());
        put(row, 1, value);
    }

    void title(int rowIndex, String text) {
        org.apache.poi.ss.usermodel.Cell cell = sheet.createRow(rowIndex).createCell(0);
        cell.setCellValue(text);
        cell.setCellStyle(styles.title());
    }

    /** Sets the column widths, and prints landscape, all columns on one page wide. */
    void finish() {
        sheet.getPrintSetup().setLandscape(true);
        sheet.getPrintSetup().setFitWidth((short) 1);
        sheet.getPrintSetup().setFitHeight((short) 0);
        sheet.setFitToPage(true);
        for (int i = 0; i < widths.length; i++) {
            int chars = Math.min(Math.max(widths[i] + 2, MIN_WIDTH), MAX_WIDTH);
            sheet.setColumnWidth(i, chars * 256);
        }
    }

    private void put(Row row, int column, Cell value) {
        Object v = value.value();
        if (v == null) {
            return;
        }
        org.apache.poi.ss.usermodel.Cell cell = row.createCell(column);
        CellStyle style = styles.of(value);
        if (v instanceof BigDecimal number) {
            cell.setCellValue(number.doubleValue());
        } else if (v instanceof LocalDate date) {
            cell.setCellValue(date);
        } else if (v instanceof LocalDateTime local) {
            cell.setCellValue(local);
        } else if (v instanceof Instant instant) {
            cell.setCellValue(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
        } else {
            String text = v.toString();
            cell.setCellValue(text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text);
        }
        cell.setCellStyle(style);
        track(column, displayLength(value));
    }

    private void track(int column, int length) {
        if (column < widths.length && length > widths[column]) {
            widths[column] = length;
        }
    }

    /** About how many characters the formatted value takes. */
    static int displayLength(Cell cell) {
        Object v = cell.value();
        if (v instanceof BigDecimal number) {
            String plain = number.abs().toPlainString();
            int dot = plain.indexOf('.');
            int integerDigits = dot < 0 ? plain.length() : dot;
            int decimals = dot < 0 ? 0 : plain.length() - dot - 1;
            int shownDecimals = switch (cell.type()) {
                case INTEGER -> 0;
                case MILLIS -> 1;
                case CREDITS, USD -> Math.min(Math.max(decimals, 2), 6);
                case PERCENT -> 2;
                default -> decimals;
            };
            return integerDigits + (integerDigits - 1) / 3 + (shownDecimals > 0 ? shownDecimals + 1 : 0) + 2;
        }
        if (v instanceof LocalDate) {
            return 10;
        }
        if (v instanceof LocalDateTime) {
            return 16;
        }
        if (v instanceof Instant) {
            return 19;
        }
        return v == null ? 0 : Math.min(v.toString().length(), MAX_WIDTH);
    }
}
