package dev.gatewayreports.reportapi.export;

import com.fasterxml.jackson.databind.JsonNode;

/** Placeholder until the export branch lands. */
public final class ReportFiles {
    private ReportFiles() {}

    public static String fileName(JsonNode report, String extension) {
        return report.path("report_type").asText() + "-report." + extension;
    }

    public static String contentDisposition(String fileName) {
        return "attachment; filename=\"" + fileName + "\"";
    }
}
