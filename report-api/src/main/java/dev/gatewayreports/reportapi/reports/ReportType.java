package dev.gatewayreports.reportapi.reports;

import java.util.Arrays;
import java.util.Locale;

/** The five report types; each has its own focus and default sections. */
public enum ReportType {
    USAGE,
    COST,
    PERFORMANCE,
    ERROR,
    COMPREHENSIVE;

    /** The name on the wire: {@code usage}, {@code cost}, … */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type named on the wire, or null when there is none such. */
    public static ReportType fromWire(String value) {
        return Arrays.stream(values())
                .filter(t -> t.wire().equals(value))
                .findFirst()
                .orElse(null);
    }

    public static String allowed() {
        return "usage, cost, performance, error or comprehensive";
    }
}
