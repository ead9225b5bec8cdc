package dev.gatewayreports.reportapi.reports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatewayreports.reportapi.export.CsvReportWriter;
import dev.gatewayreports.reportapi.export.ReportFiles;
import dev.gatewayreports.reportapi.export.XlsxReportWriter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/** A report object as an HTTP answer: JSON, or a CSV/XLSX file with its name. */
final class ReportExports {
    static final String CSV = CsvReportWriter.MEDIA_TYPE;
    static final String XLSX = XlsxReportWriter.MEDIA_TYPE;

    private ReportExports() {}

    static Response.ResponseBuilder render(JsonNode report, ExportFormat format) {
        return switch (format) {
            case JSON -> Response.ok(report, MediaType.APPLICATION_JSON_TYPE);
            case CSV -> file(report, "csv", CSV, out -> CsvReportWriter.write(report, out));
            case XLSX -> file(report, "xlsx", XLSX, out -> XlsxReportWriter.write(report, out));
        };
    }

    private static Response.ResponseBuilder file(
            JsonNode report, String extension, String mediaType, StreamingOutput body) {
        return Response.ok(body, mediaType)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ReportFiles.contentDisposition(ReportFiles.fileName(report, extension)));
    }
}
