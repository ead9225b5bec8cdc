package dev.gatewayreports.reportapi.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the sample reports as CSV and XLSX into a folder, for the LibreOffice check and for a person to open:
 * {@code java -cp <test classpath> dev.gatewayreports.reportapi.export.ExportSamples target/export-samples}.
 */
public final class ExportSamples {

    private ExportSamples() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/export-samples");
        for (Path file : write(dir).values()) {
            System.out.println(file);
        }
    }

    /** The written files by sample name and extension ({@code comprehensive.xlsx}…). */
    static Map<String, Path> write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, JsonNode> samples =
                Map.of("comprehensive", SampleReports.comprehensive(), "cost", SampleReports.costReport());
        Map<String, Path> files = new java.util.TreeMap<>();
        for (Map.Entry<String, JsonNode> sample : samples.entrySet()) {
            Path xlsx = dir.resolve(sample.getKey() + ".xlsx");
            try (OutputStream out = Files.newOutputStream(xlsx)) {
                XlsxReportWriter.write(SampleReports.typed(sample.getValue()), out);
            }
            Path csv = dir.resolve(sample.getKey() + ".csv");
            try (OutputStream out = Files.newOutputStream(csv)) {
                CsvReportWriter.write(SampleReports.typed(sample.getValue()), out);
            }
            files.put(sample.getKey() + ".xlsx", xlsx);
            files.put(sample.getKey() + ".csv", csv);
        }
        return files;
    }
}
