package dev.gatewayreports.reportapi.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;

/** Placeholder until the CSV export lands (branch export). */
public final class CsvReportWriter {
    private CsvReportWriter() {}

    public static void write(JsonNode report, OutputStream out) throws IOException {
        throw new UnsupportedOperationException("csv export not merged yet");
    }
}
