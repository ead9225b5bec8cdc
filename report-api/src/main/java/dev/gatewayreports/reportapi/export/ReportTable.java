package dev.gatewayreports.reportapi.export;

import java.util.List;

/**
 * One block of the CSV and one sheet (or, for the report metadata, the top of the Summary sheet) of the XLSX.
 *
 * @param name the machine name ({@code daily_trend}, {@code error_details.by_model}); the first row of a CSV block
 * @param title the human name, the XLSX sheet name (at most 31 characters)
 * @param columns the columns, in order
 * @param rows the rows, one cell per column; computed lazily from the report object, so iterate once per export
 */
public record ReportTable(String name, String title, List<Column> columns, Iterable<List<Cell>> rows) {}
