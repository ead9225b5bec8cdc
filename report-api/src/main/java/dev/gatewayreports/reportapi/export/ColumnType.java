package dev.gatewayreports.reportapi.export;

import java.util.Set;

/**
 * How the exports present a column's values, decided by the column's key (see docs/report-object.md). Each type
 * carries the XLSX number format of its cells.
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

    private static final Set<String> INSTANTS = Set.of("occurred_at", "period_start", "period_end", "generated_at");
    private static final Set<String> PERCENTS = Set.of("percentage", "error_rate", "change_percent");

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

    /** The type of the column (or summary figure) with this key. */
    public static ColumnType forKey(String key) {
        if (key.equals("date")) {
            return DATE;
        }
        if (key.equals("hour")) {
            return LOCAL_DATETIME;
        }
        if (INSTANTS.contains(key)) {
            return UTC_DATETIME;
        }
        if (key.endsWith("latency_ms")) {
            return MILLIS;
        }
        if (PERCENTS.contains(key) || key.endsWith("_percent") || key.endsWith("_rate")) {
            return PERCENT;
        }
        if (key.contains("credits")) {
            return CREDITS;
        }
        if (key.equals("cost_usd") || key.endsWith("_cost_usd")) {
            return USD;
        }
        if (counts(key)) {
            return INTEGER;
        }
        return TEXT;
    }

    private static boolean counts(String key) {
        return key.endsWith("requests")
                || key.endsWith("tokens")
                || key.equals("errors")
                || key.endsWith("_errors")
                || key.equals("http_status");
    }
}
