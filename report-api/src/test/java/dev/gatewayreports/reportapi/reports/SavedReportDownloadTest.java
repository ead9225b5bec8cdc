package dev.gatewayreports.reportapi.reports;

import static dev.gatewayreports.reportapi.support.Events.event;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.gatewayreports.model.report.Report;
import dev.gatewayreports.reportapi.export.CsvReportWriter;
import dev.gatewayreports.reportapi.export.XlsxReportWriter;
import dev.gatewayreports.reportapi.support.Events;
import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.reportapi.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A saved report downloads as the same file it was generated as: JSON and CSV byte for byte, XLSX cell for cell,
 * for a comprehensive New York report with a previous period and every section (the jsonb column used to reorder
 * the summary's keys, and the exports followed the key order).
 */
@QuarkusTest
class SavedReportDownloadTest {

    private String member;

    @BeforeEach
    void seed() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        Instant now = Instant.now();
        List<Map<String, Object>> events = new ArrayList<>();
        String[][] models = {{"anthropic", "claude-sonnet-4-5"}, {"openai", "gpt-4o"}, {"anthropic", "claude-haiku-4-5"}
        };
        for (int i = 0; i < 24; i++) {
            String[] model = models[i % models.length];
            Events e = event(team)
                    .with(
                            "occurred_at",
                            now.minus(1 + i % 12, ChronoUnit.DAYS)
                                    .minusSeconds(i * 97L)
                                    .toString())
                    .with("provider", model[0])
                    .with("model", model[1])
                    .with("latency_ms", 200 + i * 37)
                    .with("cost_usd", new BigDecimal("0.0" + (10 + i)))
                    .with("credits", new BigDecimal((i % 4) + ".25"));
            if (i % 5 == 0) {
                e = e.with("status", "error").with("error_type", "timeout").with("error_message", "upstream timed out");
            }
            events.add(e.build());
        }
        given().header("x-api-key", Tenants.serviceKey(org, "ingest"))
                .contentType(ContentType.JSON)
                .body(events)
                .post("/v1/usage/events")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(events.size()));
        member = Tokens.bearer(Tokens.user(org, List.of(team), "member"));
    }

    @Test
    void shouldDownloadSavedJsonByteForByte() throws Exception {
        ExtractableResponse<Response> generated = generate("json");
        String id = generated.jsonPath().getString("report_id");
        byte[] saved = download(id, "json").asByteArray();
        assertEquals(text(generated.asByteArray()), text(saved));
        assertEquals(text(generated.asByteArray()), text(get(id).asByteArray()));
    }

    @Test
    void shouldDownloadSavedCsvByteForByte() throws Exception {
        ExtractableResponse<Response> generated = generate("csv");
        String id = generated.header("X-Report-Id");
        assertNotNull(id);
        assertEquals(text(generated.asByteArray()), text(download(id, "csv").asByteArray()));
    }

    @Test
    void shouldDownloadSavedXlsxCellForCell() throws Exception {
        ExtractableResponse<Response> generated = generate("xlsx");
        String id = generated.header("X-Report-Id");
        assertNotNull(id);
        assertEquals(cells(generated.asByteArray()), cells(download(id, "xlsx").asByteArray()));
    }

    /** The saved JSON report downloaded as CSV and XLSX: the files the generated JSON object renders to. */
    @Test
    void shouldDownloadSavedJsonAsTheFilesOfItsGeneratedObject() throws Exception {
        ExtractableResponse<Response> generated = generate("json");
        String id = generated.jsonPath().getString("report_id");
        var report = ReportNumbers.MAPPER.readValue(generated.asByteArray(), Report.class);
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        CsvReportWriter.write(report, csv);
        assertEquals(text(csv.toByteArray()), text(download(id, "csv").asByteArray()));
        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        XlsxReportWriter.write(report, xlsx);
        assertEquals(cells(xlsx.toByteArray()), cells(download(id, "xlsx").asByteArray()));
    }

    /** A report saved as CSV downloads as JSON equal to the saved object, and as XLSX equal to a JSON-saved one. */
    @Test
    void shouldDownloadSavedCsvAsJsonOfTheSameObject() throws Exception {
        String id = generate("csv").header("X-Report-Id");
        byte[] json = download(id, "json").asByteArray();
        assertEquals(text(get(id).asByteArray()), text(json));
        var report = ReportNumbers.MAPPER.readValue(json, Report.class);
        assertEquals("America/New_York", report.timezone());
        assertNotNull(report.data().summary().previousPeriod());
        // Read back into the records and written again, the saved report is the text it was saved as.
        assertEquals(text(json), ReportNumbers.MAPPER.writeValueAsString(report));
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        CsvReportWriter.write(report, csv);
        assertEquals(text(csv.toByteArray()), text(download(id, "csv").asByteArray()));
    }

    private ExtractableResponse<Response> generate(String format) {
        return given().header("Authorization", member)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "report_type",
                        "comprehensive",
                        "days",
                        7,
                        "timezone",
                        "America/New_York",
                        "format",
                        format,
                        "save",
                        true))
                .post("/v1/reports/generate")
                .then()
                .statusCode(200)
                .extract();
    }

    private ExtractableResponse<Response> download(String id, String format) {
        return given().header("Authorization", member)
                .queryParam("format", format)
                .get("/v1/reports/download/" + id)
                .then()
                .statusCode(200)
                .extract();
    }

    private ExtractableResponse<Response> get(String id) {
        return given().header("Authorization", member)
                .get("/v1/reports/" + id)
                .then()
                .statusCode(200)
                .extract();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Every sheet's cells as text (value and type), row by row: what a reader sees, without file metadata. */
    private static List<String> cells(byte[] xlsx) throws Exception {
        List<String> out = new ArrayList<>();
        DataFormatter formatter = new DataFormatter(java.util.Locale.ROOT);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Sheet sheet : book) {
                out.add("# " + sheet.getSheetName());
                for (Row row : sheet) {
                    StringBuilder line = new StringBuilder(row.getRowNum() + ":");
                    row.forEach(cell -> line.append(" | ")
                            .append(cell.getColumnIndex())
                            .append('=')
                            .append(cell.getCellType())
                            .append(':')
                            .append(formatter.formatCellValue(cell)));
                    out.add(line.toString());
                }
            }
        }
        return out;
    }
}
