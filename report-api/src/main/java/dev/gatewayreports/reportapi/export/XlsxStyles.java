package dev.gatewayreports.reportapi.export;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;

/** The cell styles of an XLSX export, created once per workbook (a workbook holds at most 64,000 styles). */
final class XlsxStyles {

    private final Map<ColumnType, CellStyle> data = new EnumMap<>(ColumnType.class);
    private final CellStyle text;
    private final CellStyle general;
    private final CellStyle headerLeft;
    private final CellStyle headerRight;
    private final CellStyle label;
    private final CellStyle title;

    XlsxStyles(Workbook workbook) {
        for (ColumnType type : ColumnType.values()) {
            CellStyle style = workbook.createCellStyle();
            style.setDataFormat(workbook.createDataFormat().getFormat(type.excelFormat()));
            style.setVerticalAlignment(VerticalAlignment.TOP);
            if (type == ColumnType.DATE || type == ColumnType.LOCAL_DATETIME || type == ColumnType.UTC_DATETIME) {
                style.setAlignment(HorizontalAlignment.LEFT);
            }
            data.put(type, style);
        }
        text = workbook.createCellStyle();
        text.setVerticalAlignment(VerticalAlignment.TOP);
        general = data.get(ColumnType.TEXT);
        Font bold = font(workbook, 0);
        bold.setBold(true);
        headerLeft = header(workbook, bold, HorizontalAlignment.LEFT);
        headerRight = header(workbook, bold, HorizontalAlignment.RIGHT);
        label = workbook.createCellStyle();
        label.setFont(bold);
        Font big = font(workbook, 3);
        big.setBold(true);
        title = workbook.createCellStyle();
        title.setFont(big);
    }

    /** A font like the workbook's default one (same family, so viewers do not substitute), {@code larger} points up. */
    private static Font font(Workbook workbook, int larger) {
        Font normal = workbook.getFontAt(0);
        Font font = workbook.createFont();
        font.setFontName(normal.getFontName());
        font.setFontHeightInPoints((short) (normal.getFontHeightInPoints() + larger));
        return font;
    }

    /** The style of a value: text cells are plain, numbers and dates get their column type's format. */
    CellStyle of(Cell cell) {
        Object value = cell.value();
        if (value instanceof String) {
            return text;
        }
        if (value instanceof BigDecimal && !cell.type().numeric()) {
            return general;
        }
        return data.get(cell.type());
    }

    /** Headers align with their values: right over numbers (and the summary's value columns), left otherwise. */
    CellStyle header(Column column) {
        boolean numbers = column.type().numeric() || column == SummaryTables.VALUE || column == SummaryTables.PREVIOUS;
        return numbers ? headerRight : headerLeft;
    }

    CellStyle label() {
        return label;
    }

    CellStyle title() {
        return title;
    }

    private static CellStyle header(Workbook workbook, Font bold, HorizontalAlignment alignment) {
        CellStyle style = workbook.createCellStyle();
        style.setFont(bold);
        style.setAlignment(alignment);
        style.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        style.setBorderBottom(BorderStyle.THIN);
        return style;
    }
}
