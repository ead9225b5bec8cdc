package dev.gatewayreports.reportapi.export;

import static dev.gatewayreports.reportapi.support.Events.event;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.model.report.ReportColumn;
import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.reportapi.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The exports through the API: media types, file names, and the same numbers as the JSON report. */
@QuarkusTest
class ReportExportsResourceTest {

    @Test
    void shouldAnswerCsvAndXlsxFilesWithTheJsonReportsNumbers() throws Exception {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        Instant yesterday = Instant.now().minus(1, ChronoUnit.DAYS);
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            events.add(event(team)
                    .with("occurred_at", yesterday.minusSeconds(i * 60L).toString())
                    .with("cost_usd", new java.math.BigDecimal("0.012345"))
                    .with("credits", new java.math.BigDecimal("1.5"))
                    .build());
        }
        events.add(event(team)
                .with("occurred_at", yesterday.toString())
                .with("status", "error")
                .with("error_type", "timeout")
                .with("error_message", "=1+1")
                .build());
        given().header("x-api-key", Tenants.serviceKey(org, "ingest"))
                .contentType(ContentType.JSON)
                .body(events)
                .post("/v1/usage/events")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(8));
        String member = Tokens.bearer(Tokens.user(org, List.of(team), "member"));

        ExtractableResponse<Response> csv = given().header("Authorization", member)
                .contentType(ContentType.JSON)
                .body(Map.of("report_type", "comprehensive", "days", 3, "format", "csv", "save", true))
                .post("/v1/reports/generate")
                .then()
                .statusCode(200)
                .extract();
        assertEquals(CsvReportWriter.MEDIA_TYPE, csv.contentType().replace(";charset", "; charset"));
        String disposition = csv.header("Content-Disposition");
        assertTrue(disposition.startsWith("attachment; filename=\"comprehensive-report_" + team + "_"), disposition);
        String id = csv.header("X-Report-Id");
        assertNotNull(id);
        CsvBlocks blocks = CsvBlocks.parse(new String(csv.asByteArray(), StandardCharsets.UTF_8));
        CsvBlocks.Block daily = blocks.block("daily_trend");
        assertEquals(3, daily.rows().size());
        long requests = 0;
        for (int i = 0; i < 3; i++) {
            requests += Long.parseLong(daily.value(i, "requests"));
        }
        assertEquals(8, requests);
        assertEquals("'=1+1", blocks.block("error_details.recent_errors").value(0, "error_message"));

        Map<String, Object> json = given().header("Authorization", member)
                .get("/v1/reports/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("data.summary");
        assertEquals(8, ((Number) json.get("total_requests")).intValue());

        ExtractableResponse<Response> xlsx = given().header("Authorization", member)
                .queryParam("format", "xlsx")
                .get("/v1/reports/download/" + id)
                .then()
                .statusCode(200)
                .extract();
        assertEquals(XlsxReportWriter.MEDIA_TYPE, xlsx.contentType());
        assertTrue(xlsx.header("Content-Disposition").contains(".xlsx"));
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.asByteArray()))) {
            Sheet sheet = book.getSheet("Daily trend");
            assertNotNull(sheet, "a Daily trend sheet");
            int header = -1;
            int requestsColumn = -1;
            for (Row row : sheet) {
                for (Cell cell : row) {
                    if (cell.getCellType() == CellType.STRING
                            && cell.getStringCellValue().equals(ReportColumn.REQUESTS.title())) {
                        header = row.getRowNum();
                        requestsColumn = cell.getColumnIndex();
                    }
                }
            }
            assertTrue(header >= 0, "a header row with the requests column");
            double sum = 0;
            int days = 0;
            for (int r = header + 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (row != null && row.getCell(0) != null && DateUtil.isCellDateFormatted(row.getCell(0))) {
                    days++;
                    sum += row.getCell(requestsColumn).getNumericCellValue();
                }
            }
            assertEquals(3, days);
            assertEquals(8.0, sum);
            assertNotNull(book.getSheet("Summary"));
        }

        given().header("Authorization", member)
                .queryParam("format", "csv")
                .get("/v1/reports/download/" + id)
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"));
    }
}
