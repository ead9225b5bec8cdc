package dev.gatewayreports.reportapi.packaged;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.model.report.ReportColumn;
import dev.gatewayreports.testing.PackagedDatabase;
import dev.gatewayreports.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * report-api as it ships: the packaged artifact (quarkus-run.jar, or the native executable under {@code -Dnative}) in
 * its production profile, against real PostgreSQL and real signed tokens. What a native image can break only at run
 * time is what this checks: records serialized from inside a {@code Response} (the error shapes), the service keys'
 * random secrets, POI writing XLSX, the signed admin cursors.
 */
@QuarkusIntegrationTest
// The module's global resources (support.TestResources), declared alike so they start once, and this suite's own.
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(PackagedSettings.class)
class ReportApiPackagedIT {

    @Test
    void shouldAnswerEveryErrorInTheSpecShape() {
        String org = Tokens.newId("org");
        String team = Tokens.newId("team");
        String member = Tokens.user(org, List.of(team), "member");

        // 400 naming the field
        JsonPath invalid = given().header("Authorization", member)
                .contentType(ContentType.JSON)
                .body(Map.of("report_type", "usage", "days", 0, "team_id", team))
                .post("/v1/reports/generate")
                .then()
                .statusCode(400)
                .extract()
                .jsonPath();
        assertReportsError(invalid, "invalid_request", "days");

        // 401 without a token
        assertReportsError(
                given().get("/v1/reports/quick/usage")
                        .then()
                        .statusCode(401)
                        .extract()
                        .jsonPath(),
                "unauthorized",
                null);

        // 403: a member on an org admin's endpoint
        assertReportsError(
                given().header("Authorization", member)
                        .get("/v1/admin/service-keys")
                        .then()
                        .statusCode(403)
                        .extract()
                        .jsonPath(),
                "forbidden",
                null);

        // 404: another organization's saved report answers as one that does not exist
        String reportId = given().header("Authorization", member)
                .contentType(ContentType.JSON)
                .body(Map.of("report_type", "usage", "days", 1, "team_id", team, "save", true))
                .post("/v1/reports/generate")
                .then()
                .statusCode(200)
                .extract()
                .path("report_id");
        String stranger = Tokens.orgAdmin(Tokens.newId("org"));
        JsonPath foreign = given().header("Authorization", stranger)
                .get("/v1/reports/" + reportId)
                .then()
                .statusCode(404)
                .extract()
                .jsonPath();
        JsonPath absent = given().header("Authorization", stranger)
                .get("/v1/reports/rpt_" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .extract()
                .jsonPath();
        assertReportsError(foreign, "not_found", null);
        assertEquals(absent.getString("error.code"), foreign.getString("error.code"));

        // 415: ingest in a media type it does not read
        String ingestKey = Tokens.serviceKey(org, "ingest");
        assertReportsError(
                given().header("x-api-key", ingestKey)
                        .contentType("text/plain")
                        .body("request_id=r1")
                        .post("/v1/usage/events")
                        .then()
                        .statusCode(415)
                        .extract()
                        .jsonPath(),
                "unsupported_media_type",
                null);

        // 413: over ingest's 10 MiB (and under the HTTP server's 16 MiB, so the application answers it)
        String big = "[" + "{\"request_id\":\"x\"},".repeat(11 * 1024 * 1024 / 19) + "{}]";
        assertReportsError(
                given().header("x-api-key", ingestKey)
                        .contentType(ContentType.JSON)
                        .body(big)
                        .post("/v1/usage/events")
                        .then()
                        .statusCode(413)
                        .extract()
                        .jsonPath(),
                "payload_too_large",
                "body");
    }

    @Test
    void shouldAnswerTheAdminApisErrorsInItsOwnShapeAndPageWithSignedCursors() {
        String org = Tokens.newId("org");
        String adminKey = Tokens.serviceKey(org, "admin");
        JsonPath error = Tokens.admin(adminKey)
                .queryParam("starting_at", "2025-02-01T00:00:00Z")
                .queryParam("limit", 100_000)
                .get("/v1/organizations/usage_report/messages")
                .then()
                .statusCode(400)
                .extract()
                .jsonPath();
        assertEquals("error", error.getString("type"));
        assertEquals("invalid_request_error", error.getString("error.type"));
        assertTrue(error.getString("error.message").contains("limit"), error.prettify());
        assertEquals(
                Map.of(
                        "type",
                        "error",
                        "error",
                        Map.of("type", "invalid_request_error", "message", error.getString("error.message"))),
                error.getMap(""));

        JsonPath unauthenticated = given().header("x-api-key", "sk-not-a-key")
                .header("anthropic-version", "2023-06-01")
                .queryParam("starting_at", "2025-02-01T00:00:00Z")
                .get("/v1/organizations/usage_report/messages")
                .then()
                .statusCode(401)
                .extract()
                .jsonPath();
        assertEquals("authentication_error", unauthenticated.getString("error.type"));

        // Three daily buckets, one a page: the second page needs the first's signed next_page.
        JsonPath first = Tokens.admin(adminKey)
                .queryParam("starting_at", "2025-02-01T00:00:00Z")
                .queryParam("ending_at", "2025-02-04T00:00:00Z")
                .queryParam("bucket_width", "1d")
                .queryParam("limit", 1)
                .get("/v1/organizations/usage_report/messages")
                .then()
                .statusCode(200)
                .body("data", hasSize(1))
                .body("has_more", equalTo(true))
                .body("next_page", notNullValue())
                .extract()
                .jsonPath();
        Tokens.admin(adminKey)
                .queryParam("starting_at", "2025-02-01T00:00:00Z")
                .queryParam("ending_at", "2025-02-04T00:00:00Z")
                .queryParam("bucket_width", "1d")
                .queryParam("limit", 1)
                .queryParam("page", first.getString("next_page"))
                .get("/v1/organizations/usage_report/messages")
                .then()
                .statusCode(200)
                .body("data", hasSize(1))
                .body("data[0].starting_at", equalTo("2025-02-02T00:00:00Z"));
    }

    @Test
    void shouldExportTheJsonReportsFiguresAsCsvAndXlsx() throws Exception {
        String org = Tokens.newId("org");
        String team = Tokens.newId("team");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<Map<String, Object>> events = List.of(
                event(team, today.minusDays(1), "success"),
                event(team, today.minusDays(1), "success"),
                event(team, today.minusDays(1), "error"),
                event(team, today.minusDays(5), "success"));
        given().header("x-api-key", Tokens.serviceKey(org, "ingest"))
                .contentType(ContentType.JSON)
                .body(events)
                .post("/v1/usage/events")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(4))
                .body("duplicates", equalTo(0));
        assertEquals(4, storedEvents(org), "the events are in the database the packaged service was given");
        String member = Tokens.user(org, List.of(team), "member");

        JsonPath json = given().header("Authorization", member)
                .contentType(ContentType.JSON)
                .body(Map.of("report_type", "usage", "days", 3, "team_id", team, "save", true))
                .post("/v1/reports/generate")
                .then()
                .statusCode(200)
                // days=3: the three whole UTC days before today; the event five days ago is outside
                .body("data.summary.total_requests", equalTo(3))
                .body("data.summary.failed_requests", equalTo(1))
                .extract()
                .jsonPath();
        Map<String, Long> jsonDaily = new TreeMap<>();
        for (Map<String, Object> day : json.<Map<String, Object>>getList("data.daily_trend")) {
            jsonDaily.put((String) day.get("date"), ((Number) day.get("requests")).longValue());
        }
        assertEquals(
                Map.of(
                        today.minusDays(3).toString(),
                        0L,
                        today.minusDays(2).toString(),
                        0L,
                        today.minusDays(1).toString(),
                        3L),
                jsonDaily);
        String id = json.getString("report_id");

        ExtractableResponse<Response> csv = download(member, id, "csv");
        assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
        assertEquals(jsonDaily, csvDailyRequests(new String(csv.asByteArray(), StandardCharsets.UTF_8)));

        ExtractableResponse<Response> xlsx = download(member, id, "xlsx");
        assertEquals("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.contentType());
        assertTrue(xlsx.header("Content-Disposition").contains(".xlsx"), xlsx.header("Content-Disposition"));
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.asByteArray()))) {
            assertNotNull(book.getSheet("Summary"), "a Summary sheet");
            assertEquals(jsonDaily, xlsxDailyRequests(book.getSheet("Daily trend")));
        }
    }

    @Test
    void shouldCreateAScheduleAndListIt() {
        String org = Tokens.newId("org");
        String team = Tokens.newId("team");
        String teamAdmin = Tokens.user(org, List.of(team), "team_admin");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("report_type", "usage");
        body.put("frequency", "weekly");
        body.put("schedule_time", "09:00");
        body.put("schedule_day", 1);
        body.put("timezone", "Asia/Seoul");
        body.put("recipients", List.of("team@example.com"));
        body.put("format", "xlsx");
        body.put("team_id", team);
        String nextRun = given().header("Authorization", teamAdmin)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/reports/schedule")
                .then()
                .statusCode(200)
                .body("report_type", equalTo("usage"))
                .body("timezone", equalTo("Asia/Seoul"))
                .body("days", equalTo(7))
                .extract()
                .path("next_run_at");
        assertNotNull(nextRun);

        given().header("Authorization", teamAdmin)
                .queryParam("team_id", team)
                .get("/v1/reports/preferences/all")
                .then()
                .statusCode(200)
                .body("schedules", hasSize(1))
                .body("schedules[0].team_id", equalTo(team))
                .body("schedules[0].recipients", equalTo(List.of("team@example.com")))
                .body("schedules[0].next_run_at", equalTo(nextRun));

        // A member may read but not schedule: the 403 in the reports family's shape.
        assertReportsError(
                given().header("Authorization", Tokens.user(org, List.of(team), "member"))
                        .contentType(ContentType.JSON)
                        .body(body)
                        .post("/v1/reports/schedule")
                        .then()
                        .statusCode(403)
                        .extract()
                        .jsonPath(),
                "forbidden",
                null);
    }

    /** The production build's operations endpoints: on the management port, absent from the public one. */
    @Test
    void shouldServeOperationsOnTheManagementPortOnly() {
        given().get("/q/health/ready").then().statusCode(404);
        given().get("/q/metrics").then().statusCode(404);
        given().baseUri(PackagedSettings.managementUrl())
                .port(-1)
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"));
    }

    /** {"error": {"code", "message"[, "field"]}} and nothing else; {@code field} null means none is named. */
    private static void assertReportsError(JsonPath body, String code, String field) {
        Map<String, Object> root = body.getMap("");
        assertEquals(List.of("error"), List.copyOf(root.keySet()), body.prettify());
        Map<String, Object> error = body.getMap("error");
        assertEquals(code, error.get("code"), body.prettify());
        assertTrue(error.get("message") instanceof String s && !s.isBlank(), body.prettify());
        assertEquals(field, error.get("field"), body.prettify());
        assertTrue(List.of("code", "message", "field").containsAll(error.keySet()), body.prettify());
    }

    private static Map<String, Object> event(String team, LocalDate day, String status) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("request_id", "req_" + UUID.randomUUID());
        e.put("occurred_at", day.atTime(12, 0).toInstant(ZoneOffset.UTC).toString());
        e.put("team_id", team);
        e.put("provider", "anthropic");
        e.put("model", "claude-sonnet-4-5");
        e.put("status", status);
        e.put("latency_ms", 800);
        e.put("input_tokens", 1200);
        e.put("output_tokens", 300);
        if ("error".equals(status)) {
            e.put("error_type", "rate_limit");
        }
        return e;
    }

    private static ExtractableResponse<Response> download(String token, String id, String format) {
        return given().header("Authorization", token)
                .queryParam("format", format)
                .get("/v1/reports/download/" + id)
                .then()
                .statusCode(200)
                .extract();
    }

    /** The daily_trend block of the CSV export: its name alone on a row, a header row, then one row per day. */
    private static Map<String, Long> csvDailyRequests(String csv) throws Exception {
        Map<String, Long> daily = new TreeMap<>();
        List<List<String>> block = new ArrayList<>();
        boolean inBlock = false;
        try (CSVParser parser = CSVParser.parse(
                new StringReader(csv),
                CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get())) {
            for (CSVRecord record : parser) {
                boolean empty = record.size() == 1 && record.get(0).isEmpty();
                if (inBlock && empty) {
                    break;
                }
                if (inBlock) {
                    block.add(record.toList());
                }
                inBlock |= record.size() == 1 && record.get(0).equals("daily_trend");
            }
        }
        assertTrue(block.size() > 1, "a daily_trend block in\n" + csv);
        int date = block.get(0).indexOf("date");
        int requests = block.get(0).indexOf("requests");
        for (List<String> row : block.subList(1, block.size())) {
            daily.put(row.get(date), Long.parseLong(row.get(requests)));
        }
        return daily;
    }

    /** The Daily trend sheet: a header row with the requests column, then a date cell and its numbers per day. */
    private static Map<String, Long> xlsxDailyRequests(Sheet sheet) {
        assertNotNull(sheet, "a Daily trend sheet");
        int header = -1;
        int requests = -1;
        for (Row row : sheet) {
            for (Cell cell : row) {
                if (cell.getCellType() == CellType.STRING
                        && cell.getStringCellValue().equals(ReportColumn.REQUESTS.title())) {
                    header = row.getRowNum();
                    requests = cell.getColumnIndex();
                }
            }
        }
        assertTrue(header >= 0, "a header row with the requests column");
        Map<String, Long> daily = new TreeMap<>();
        for (int r = header + 1; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            if (row != null && row.getCell(0) != null && DateUtil.isCellDateFormatted(row.getCell(0))) {
                String day =
                        row.getCell(0).getLocalDateTimeCellValue().toLocalDate().toString();
                daily.put(day, (long) row.getCell(requests).getNumericCellValue());
            }
        }
        return daily;
    }

    private static long storedEvents(String org) throws Exception {
        try (Connection c = PackagedDatabase.connect();
                PreparedStatement ps = c.prepareStatement("select count(*) from usage_event where org_id = ?")) {
            ps.setString(1, org);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
