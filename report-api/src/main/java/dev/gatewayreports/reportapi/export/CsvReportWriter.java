package dev.gatewayreports.reportapi.export;

import dev.gatewayreports.model.report.Report;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a report object as one CSV file (RFC 4180, CRLF line ends, UTF-8 without a byte order mark: the media type
 * names the charset, and a BOM would end up in the first cell of a standard parser). One block per table of {@link
 * ReportTables}: a row with the table name ({@code report}, {@code summary}, {@code daily_trend}, {@code
 * error_details.by_model}…), its header row of column keys, then its rows; blocks are separated by exactly one
 * empty line.
 *
 * <p>Numbers are written exactly ({@link BigDecimal#toPlainString()}, no exponent, no trailing zeros), dates and local times in ISO
 * 8601, instants in UTC with a {@code Z}, nulls as empty cells. A text cell that a spreadsheet would evaluate (it
 * begins with {@code =}, {@code +}, {@code -}, {@code @}, tab or CR) is prefixed with a single quote; numbers are
 * never text cells, so a negative number is written as such.
 */
public final class CsvReportWriter {

    /** The media type of the file. */
    public static final String MEDIA_TYPE = "text/csv; charset=UTF-8";
    /** The file name extension. */
    public static final String EXTENSION = "csv";

    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private CsvReportWriter() {}

    /** Writes the report to {@code out}; flushes it but does not close it. */
    public static void write(Report report, OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180);
        boolean first = true;
        for (ReportTable table : ReportTables.of(report)) {
            if (!first) {
                printer.println();
            }
            first = false;
            writeTable(printer, table);
        }
        printer.flush();
    }

    private static void writeTable(CSVPrinter printer, ReportTable table) throws IOException {
        printer.printRecord(table.name());
        List<String> header = new ArrayList<>(table.columns().size());
        table.columns().forEach(column -> header.add(column.key()));
        printer.printRecord(header);
        List<String> values = new ArrayList<>(table.columns().size());
        for (List<Cell> row : table.rows()) {
            values.clear();
            for (Cell cell : row) {
                values.add(format(cell));
            }
            printer.printRecord(values);
        }
    }

    /** The text of a cell; package-private for tests. */
    static String format(Cell cell) {
        Object value = cell.value();
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal number) {
            return number.toPlainString();
        }
        if (value instanceof String text) {
            return escape(text);
        }
        if (value instanceof LocalDateTime local) {
            return LOCAL_TIME.format(local);
        }
        return value.toString();
    }

    /** Prefixes a text that a spreadsheet would read as a formula with a single quote. */
    static String escape(String text) {
        if (text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        boolean dangerous =
                first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return dangerous ? "'" + text : text;
    }
}
