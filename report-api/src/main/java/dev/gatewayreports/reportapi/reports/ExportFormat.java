package dev.gatewayreports.reportapi.reports;

import java.util.Arrays;
import java.util.Locale;

/** How a report is answered or downloaded. */
public enum ExportFormat {
    JSON,
    CSV,
    XLSX;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ExportFormat fromWire(String value) {
        return Arrays.stream(values())
                .filter(f -> f.wire().equals(value))
                .findFirst()
                .orElse(null);
    }
}
