package dev.gatewayreports.reportapi.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the XLSX export in LibreOffice (headless) and has it save every sheet as CSV, as scripts/check-xlsx.sh
 * does, then checks that a spreadsheet reads every number, date and text intact. Skipped when {@code soffice} is
 * not on the PATH (a machine with only a JDK).
 */
class XlsxLibreOfficeTest {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    private static final JsonNode REPORT = SampleReports.comprehensive();

    @TempDir
    static Path dir;

    @BeforeAll
    static void convert() throws IOException, InterruptedException {
        assumeTrue(onPath("soffice"), "LibreOffice (soffice) is not installed");
        Path xlsx = dir.resolve("report.xlsx");
        try (OutputStream out = Files.newOutputStream(xlsx)) {
            XlsxReportWriter.write(SampleReports.typed(REPORT), out);
        }
        Process process = new ProcessBuilder(
                        "soffice",
                        "-env:UserInstallation=" + dir.resolve("profile").toUri(),
                        "--headless",
                        "--convert-to",
                        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                        "--outdir",
                        dir.toString(),
                        xlsx.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("soffice.log").toFile())
                .start();
        assertTrue(process.waitFor(240, TimeUnit.SECONDS), "soffice timed out");
        assertEquals(0, process.exitValue(), Files.readString(dir.resolve("soffice.log")));
    }

    @Test
    void shouldExportEverySheet() {
        for (String sheet : XlsxReportWriterTest.ALL_SHEETS) {
            assertTrue(
                    Files.exists(sheetCsv(sheet)),
                    sheet + " in " + List.of(dir.toFile().list()));
        }
    }

    @Test
    void shouldReadEveryNumberDateAndTextOfTheArraySectionsIntact() throws IOException {
        JsonNode data = REPORT.get("data");
        assertSheet("Daily trend", data.get("daily_trend"), 0);
        assertSheet("Hourly trend", data.get("hourly_trend"), 0);
        assertSheet("By provider", data.get("by_provider"), 0);
        assertSheet("By model", data.get("by_model"), 0);
        assertSheet("Slow requests", data.get("slow_requests"), 0);
        assertSheet("Performance", data.at("/performance/by_model"), 1);
        assertSheet("Errors by type", data.at("/error_details/by_error_type"), 0);
        assertSheet("Recent errors", data.at("/error_details/recent_errors"), 0);
        assertEquals(List.of(List.of("API key", "Requests", "Share (%)", "Credits", "Cost (USD)")), read("By API key"));
    }

    @Test
    void shouldReadTheSummaryFiguresAndTheFallBackOffsets() throws IOException {
        List<List<String>> summary = read("Summary");
        List<String> requests = summary.stream()
                .filter(row -> row.get(0).equals("Total requests"))
                .findFirst()
                .orElseThrow();
        assertEquals(List.of("Total requests", "1234567", "1400000", "-11.82"), requests.subList(0, 4));
        List<String> cost = summary.stream()
                .filter(row -> row.get(0).equals("Total cost (USD)"))
                .findFirst()
                .orElseThrow();
        assertEquals(List.of("Total cost (USD)", "4321.000001", "4400.5", "-1.81"), cost.subList(0, 4));

        List<List<String>> hourly = read("Hourly trend");
        assertEquals(List.of("2024-11-03 01:00:00", "UTC-04:00"), hourly.get(2).subList(0, 2));
        assertEquals(List.of("2024-11-03 01:00:00", "UTC-05:00"), hourly.get(3).subList(0, 2));
        assertEquals("All models", read("Performance").get(1).get(0));
    }

    /** Each JSON row r is LibreOffice row r + 1 + offset (after the header); each value is compared by its label. */
    private static void assertSheet(String sheet, JsonNode array, int offset) throws IOException {
        List<List<String>> rows = read(sheet);
        List<String> header = rows.get(0);
        assertEquals(array.size() + 1 + offset, rows.size(), sheet);
        for (int r = 0; r < array.size(); r++) {
            List<String> row = rows.get(r + 1 + offset);
            var fields = array.get(r).fields();
            while (fields.hasNext()) {
                var field = fields.next();
                String key = field.getKey();
                int column = header.indexOf(Labels.of(key));
                assertTrue(column >= 0, sheet + ": " + key);
                String actual = column < row.size() ? row.get(column) : "";
                assertValue(sheet + " row " + r + " " + key, key, field.getValue(), actual, row, column);
            }
        }
    }

    private static void assertValue(
            String where, String key, JsonNode expected, String actual, List<String> row, int column) {
        if (expected.isNull()) {
            assertEquals("", actual, where);
        } else if (expected.isNumber()) {
            assertEquals(0, expected.decimalValue().compareTo(new BigDecimal(actual)), where + ": " + actual);
        } else if (key.equals("hour")) {
            OffsetDateTime hour = OffsetDateTime.parse(expected.asText());
            assertEquals(SECONDS.format(hour.toLocalDateTime()), actual, where);
            assertEquals(CellValues.offset(hour.getOffset()), row.get(column + 1), where);
        } else if (key.equals("occurred_at")) {
            OffsetDateTime at = OffsetDateTime.parse(expected.asText()).withOffsetSameInstant(ZoneOffset.UTC);
            assertEquals(SECONDS.format(at), actual, where);
        } else {
            assertEquals(expected.asText(), actual, where);
        }
    }

    private static List<List<String>> read(String sheet) throws IOException {
        String csv = Files.readString(sheetCsv(sheet), StandardCharsets.UTF_8);
        List<List<String>> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(csv), CSVFormat.RFC4180)) {
            for (CSVRecord record : parser) {
                rows.add(record.toList());
            }
        }
        return rows;
    }

    private static Path sheetCsv(String sheet) {
        return dir.resolve("report-" + sheet + ".csv");
    }

    private static boolean onPath(String command) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(folder, command))) {
                return true;
            }
        }
        return false;
    }
}
