package dev.gatewayreports.reportapi.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;

/** Placeholder until the XLSX export lands (branch export). */
public final class XlsxReportWriter {
    private XlsxReportWriter() {}

    public static void write(JsonNode report, OutputStream out) throws IOException {
        throw new UnsupportedOperationException("xlsx export not merged yet");
    }
}
