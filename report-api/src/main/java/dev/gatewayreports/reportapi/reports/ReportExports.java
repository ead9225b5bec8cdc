package dev.gatewayreports.reportapi.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gatewayreports.model.report.Report;
import dev.gatewayreports.reportapi.export.CsvReportWriter;
import dev.gatewayreports.reportapi.export.ReportFiles;
import dev.gatewayreports.reportapi.export.XlsxReportWriter;
import dev.gatewayreports.reportapi.metrics.ReportApiMetrics;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** A report object as an HTTP answer: JSON, or a CSV/XLSX file with its name (its size counted in the metrics). */
final class ReportExports {
    static final String CSV = CsvReportWriter.MEDIA_TYPE;
    static final String XLSX = XlsxReportWriter.MEDIA_TYPE;

    private ReportExports() {}

    static Response.ResponseBuilder render(Report report, ExportFormat format, ReportApiMetrics metrics) {
        return switch (format) {
            case JSON -> Response.ok(json(report), MediaType.APPLICATION_JSON_TYPE);
            case CSV -> file(report, "csv", CSV, counted(metrics, format, out -> CsvReportWriter.write(report, out)));
            case XLSX ->
                file(report, "xlsx", XLSX, counted(metrics, format, out -> XlsxReportWriter.write(report, out)));
        };
    }

    /** The report's JSON text, written by the report mapper (exact decimals), whatever the REST layer's mapper. */
    static String json(Report report) {
        try {
            return ReportNumbers.MAPPER.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The file as it is streamed, its bytes counted into reports_export_bytes once it is complete. */
    private static StreamingOutput counted(ReportApiMetrics metrics, ExportFormat format, StreamingOutput body) {
        return out -> {
            Counting counting = new Counting(out);
            body.write(counting);
            counting.flush();
            metrics.exported(format.wire(), counting.bytes);
        };
    }

    private static Response.ResponseBuilder file(
            Report report, String extension, String mediaType, StreamingOutput body) {
        return Response.ok(body, mediaType)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ReportFiles.contentDisposition(ReportFiles.fileName(report, extension)));
    }

    private static final class Counting extends FilterOutputStream {
        private long bytes;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            bytes += len;
        }
    }
}
