package dev.gatewayreports.reportapi.export;

import dev.gatewayreports.model.report.FieldKind;

/**
 * How the exports present a column's values, decided by the kind its report field declares ({@link
 * dev.gatewayreports.model.report.ReportField#kind()}, docs/report-object.md). Each type carries the XLSX number
 * format of its cells.
 */
public enum ColumnType {
    /** Counts: requests, tokens, errors, HTTP status. */
    INTEGER("#,##0"),
    /** Credits, exact decimals with up to 6 decimals. */
    CREDITS("#,##0.00####"),
    /** US dollars, exact decimals with up to 6 decimals. */
    USD("\"$\"#,##0.00####"),
    /** A percent as the report holds it: 55.1 means 55.1 %, shown as such (never multiplied by 100). */
    PERCENT("0.00\"%\""),
    /** Milliseconds, one decimal. */
    MILLIS("#,##0.0"),
    /** A local calendar day. */
    DATE("yyyy-mm-dd"),
    /** The local start of an hour; its offset goes to a separate {@link #UTC_OFFSET} column. */
    LOCAL_DATETIME("yyyy-mm-dd hh:mm"),
    /** The UTC offset of a local time, as text ({@code UTC-04:00}). */
    UTC_OFFSET("@"),
    /** An instant, shown in UTC. */
    UTC_DATETIME("yyyy-mm-dd hh:mm:ss"),
    /** Anything else: text, or a number in the General format when the value is a number. */
    TEXT("General");

    private final String excelFormat;

    ColumnType(String excelFormat) {
        this.excelFormat = excelFormat;
    }

    /** The XLSX data format of this type's cells. */
    public String excelFormat() {
        return excelFormat;
    }

    /** Whether the values are numbers. */
    public boolean numeric() {
        return this == INTEGER || this == CREDITS || this == USD || this == PERCENT || this == MILLIS;
    }

    /** How a field of this kind is presented. */
    public static ColumnType of(FieldKind kind) {
        return switch (kind) {
            case COUNT -> INTEGER;
            case CREDITS -> CREDITS;
            case USD -> USD;
            case PERCENT -> PERCENT;
            case MILLIS -> MILLIS;
            case DATE -> DATE;
            case HOUR -> LOCAL_DATETIME;
            case INSTANT -> UTC_DATETIME;
            case TEXT, FLAG, PART -> TEXT;
        };
    }
}
