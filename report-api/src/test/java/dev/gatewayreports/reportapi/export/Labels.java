package dev.gatewayreports.reportapi.export;

import dev.gatewayreports.model.report.ReportColumn;
import java.util.Arrays;

/** For tests that name a column by its JSON key: the shared column of that name, and its title (the XLSX header). */
final class Labels {

    private Labels() {}

    static ReportColumn column(String key) {
        return Arrays.stream(ReportColumn.values())
                .filter(column -> column.jsonName().equals(key))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no report column " + key));
    }

    static String of(String key) {
        return column(key).title();
    }
}
