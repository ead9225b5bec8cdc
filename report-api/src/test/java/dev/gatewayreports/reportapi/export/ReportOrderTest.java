package dev.gatewayreports.reportapi.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.gatewayreports.model.report.ChangePercent;
import dev.gatewayreports.model.report.DailyTrendRow;
import dev.gatewayreports.model.report.ModelRow;
import dev.gatewayreports.model.report.PreviousPeriod;
import dev.gatewayreports.model.report.ProviderRow;
import dev.gatewayreports.model.report.Report;
import dev.gatewayreports.model.report.ReportData;
import dev.gatewayreports.model.report.Sections;
import dev.gatewayreports.model.report.Summary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One report written as JSON, CSV and XLSX: every writer puts a row's fields in the order docs/report-object.md
 * documents (record order, then the type's focus after the name columns), and a plain mapper (no module, no
 * configuration) writes the same JSON, since the records name their serializer.
 */
class ReportOrderTest {

    private static final ObjectMapper PLAIN = JsonMapper.builder().build();

    /** The documented by_model order of each type: its name columns, its focus, the rest in record order. */
    private static List<String> byModel(String type) {
        List<String> rest = new ArrayList<>(List.of(
                "requests",
                "percentage",
                "credits",
                "cost_usd",
                "input_tokens",
                "output_tokens",
                "cache_read_input_tokens",
                "cache_creation_5m_input_tokens",
                "cache_creation_1h_input_tokens",
                "web_search_requests",
                "total_tokens",
                "p95_latency_ms"));
        List<String> focus = switch (type) {
            case "cost" -> List.of("credits", "cost_usd");
            case "performance" -> List.of("p95_latency_ms");
            default -> List.of("requests");
        };
        rest.removeAll(focus);
        List<String> keys = new ArrayList<>(List.of("model", "provider"));
        keys.addAll(focus);
        keys.addAll(rest);
        return keys;
    }

    @ParameterizedTest
    @ValueSource(strings = {"usage", "cost", "performance", "error", "comprehensive"})
    void shouldWriteEveryFormatInTheDocumentedOrder(String type) throws IOException {
        Report report = report(type);
        JsonNode json = PLAIN.readTree(PLAIN.writeValueAsString(report));
        List<String> expected = byModel(type);
        assertEquals(expected, keys(json.at("/data/by_model/0")), "JSON");
        CsvBlocks csv = CsvBlocks.parse(csv(report));
        assertEquals(expected, csv.block("by_model").header(), "CSV");
        assertEquals(expected.stream().map(Labels::of).toList(), xlsxHeader(xlsx(report), "By model"), "XLSX");

        // The summary rows follow the summary's keys; the previous period leads with its dates.
        List<String> summaryKeys = keys(json.at("/data/summary"));
        List<String> metrics = new ArrayList<>();
        csv.block("summary").rows().forEach(row -> metrics.add(row.get(4)));
        assertEquals(summaryKeys.subList(0, summaryKeys.size() - 2), metrics);
        List<String> previous = keys(json.at("/data/summary/previous_period"));
        assertEquals(List.of("period_start", "period_end"), previous.subList(0, 2));
        assertEquals(metrics, previous.subList(2, previous.size()));
        assertEquals(metrics, keys(json.at("/data/summary/change_percent")));
        if (type.equals("cost")) {
            assertEquals(List.of("total_credits_used", "total_cost_usd", "total_requests"), metrics.subList(0, 3));
            assertEquals(
                    List.of("provider", "credits", "cost_usd", "requests", "percentage"),
                    csv.block("by_provider").header());
        }

        // Read back into the records, the report writes the same JSON (what a saved report relies on).
        assertEquals(PLAIN.writeValueAsString(report), PLAIN.writeValueAsString(PLAIN.treeToValue(json, Report.class)));
    }

    private static Report report(String type) {
        BigDecimal money = new BigDecimal("1.5");
        Summary summary = new Summary(
                3,
                2,
                1,
                new BigDecimal("33.33"),
                money,
                money,
                0,
                10,
                20,
                0,
                0,
                0,
                0,
                30,
                new BigDecimal("12.5"),
                null,
                new PreviousPeriod(
                        "2024-12-12T00:00:00Z",
                        "2024-12-19T00:00:00Z",
                        1,
                        1,
                        0,
                        BigDecimal.ZERO,
                        money,
                        money,
                        0,
                        1,
                        2,
                        0,
                        0,
                        0,
                        0,
                        3,
                        null,
                        null),
                new ChangePercent(
                        new BigDecimal("200"),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null));
        return new Report(
                "rpt_order0001",
                type,
                "team_xyz",
                "UTC",
                "2024-12-26T10:00:00Z",
                "2024-12-19T00:00:00Z",
                "2024-12-26T00:00:00Z",
                new Sections(true, true, false, true, true, false, false, false, false),
                new ReportData(
                        summary,
                        List.of(new DailyTrendRow(
                                "2024-12-19", 3, 2, 1, new BigDecimal("33.33"), money, money, 10, 20, 0, 0, 0, 0, 30)),
                        null,
                        List.of(new ProviderRow("anthropic", 3, new BigDecimal("100"), money, money)),
                        List.of(new ModelRow(
                                "claude-sonnet-4-5",
                                "anthropic",
                                3,
                                new BigDecimal("100"),
                                money,
                                money,
                                10,
                                20,
                                0,
                                0,
                                0,
                                0,
                                30,
                                new BigDecimal("812.4"))),
                        null,
                        null,
                        null,
                        null));
    }

    private static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static String csv(Report report) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvReportWriter.write(report, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static byte[] xlsx(Report report) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxReportWriter.write(report, out);
        return out.toByteArray();
    }

    private static List<String> xlsxHeader(byte[] xlsx, String sheetName) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = workbook.getSheet(sheetName);
            Row header = sheet.getRow(0);
            List<String> labels = new ArrayList<>();
            header.forEach(cell -> labels.add(cell.getStringCellValue()));
            return labels;
        }
    }
}
