package dev.gatewayreports.reportapi.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvReportWriterTest {

    private static final List<String> ALL_BLOCKS = List.of(
            "report",
            "summary",
            "daily_trend",
            "hourly_trend",
            "by_provider",
            "by_model",
            "by_api_key",
            "performance",
            "slow_requests",
            "error_details",
            "error_details.by_error_type",
            "error_details.by_model",
            "error_details.recent_errors");

    private final JsonNode report = SampleReports.comprehensive();

    @Test
    void shouldWriteOneBlockPerTableInSectionOrderSeparatedByOneEmptyLine() throws IOException {
        String csv = csv(report);
        CsvBlocks parsed = CsvBlocks.parse(csv);

        assertEquals(ALL_BLOCKS, List.copyOf(parsed.blocks().keySet()));
        assertFalse(csv.startsWith("\uFEFF"), "no byte order mark");
        assertTrue(csv.startsWith("report\r\n"));
        assertEquals(ALL_BLOCKS.size() - 1, csv.split("\r\n\r\n", -1).length - 1, "one empty line between blocks");
        assertFalse(csv.contains("\r\n\r\n\r\n"));
        assertFalse(csv.endsWith("\r\n\r\n"));
    }

    @Test
    void shouldKeepEveryValueOfEveryArraySection() throws IOException {
        CsvBlocks parsed = CsvBlocks.parse(csv(report));
        JsonNode data = report.get("data");
        for (String section : List.of("daily_trend", "by_provider", "by_model", "slow_requests")) {
            assertArrayIntact(data.get(section), parsed.block(section));
        }
        JsonNode errors = data.get("error_details");
        assertArrayIntact(errors.get("by_error_type"), parsed.block("error_details.by_error_type"));
        assertArrayIntact(errors.get("recent_errors"), parsed.block("error_details.recent_errors"));
        assertEquals(
                List.of(List.of("1234567", "34567", "2.8")),
                parsed.block("error_details").rows());
    }

    @Test
    void shouldFollowTheFirstRowsKeyOrderAndTheDefaultOrderForEmptyArrays() throws IOException {
        CsvBlocks parsed = CsvBlocks.parse(csv(report));
        assertEquals(
                keys(report.at("/data/daily_trend/0")),
                parsed.block("daily_trend").header());
        assertEquals(
                List.of("api_key_id", "requests", "percentage", "credits", "cost_usd"),
                parsed.block("by_api_key").header());
        assertTrue(parsed.block("by_api_key").rows().isEmpty());
        assertEquals(
                List.of("model", "provider", "requests", "errors", "error_rate"),
                parsed.block("error_details.by_model").header());

        CsvBlocks cost = CsvBlocks.parse(csv(SampleReports.costReport()));
        assertEquals(
                List.of("report", "daily_trend", "by_provider"),
                List.copyOf(cost.blocks().keySet()));
        assertEquals(
                List.of("date", "credits", "cost_usd", "requests"),
                cost.block("daily_trend").header().subList(0, 4));
        assertEquals("0.125", cost.block("daily_trend").value(0, "cost_usd"));
    }

    @Test
    void shouldSplitTheFallBackHoursIntoLocalTimeAndUtcOffset() throws IOException {
        CsvBlocks.Block hourly = CsvBlocks.parse(csv(report)).block("hourly_trend");
        assertEquals(List.of("hour", "utc_offset", "requests"), hourly.header().subList(0, 3));
        assertEquals("2024-11-03T01:00:00", hourly.value(1, "hour"));
        assertEquals("UTC-04:00", hourly.value(1, "utc_offset"));
        assertEquals("2024-11-03T01:00:00", hourly.value(2, "hour"));
        assertEquals("UTC-05:00", hourly.value(2, "utc_offset"));
        assertEquals("30", hourly.value(2, "requests"));
        assertEquals("", hourly.value(3, "error_rate"), "null is an empty cell");
    }

    @Test
    void shouldEscapeFormulaLookingTextButNotNegativeNumbers() throws IOException {
        CsvBlocks parsed = CsvBlocks.parse(csv(report));
        CsvBlocks.Block providers = parsed.block("by_provider");
        assertEquals("'" + SampleReports.CALC, providers.value(0, "provider"));
        assertEquals("'+1", providers.value(1, "provider"));
        assertEquals("'-2", providers.value(2, "provider"));
        assertEquals("'@x", providers.value(3, "provider"));
        assertEquals("'\tx", providers.value(4, "provider"));
        assertEquals("'\rrm -rf", parsed.block("by_model").value(1, "model"));
        assertEquals("'=1+1", parsed.block("error_details.by_error_type").value(1, "error_type"));
        assertEquals("'-req_2", parsed.block("slow_requests").value(1, "request_id"));

        CsvBlocks.Block summary = parsed.block("summary");
        assertEquals("-11.82", summary.value(0, "change_percent"), "a negative number stays a number");
        assertEquals("-100", summary.value(6, "change_percent"));
    }

    @Test
    void shouldWriteTheSummaryAsOneRowPerFigureWithLabelsAndTheMetadataFirst() throws IOException {
        CsvBlocks parsed = CsvBlocks.parse(csv(report));
        CsvBlocks.Block summary = parsed.block("summary");
        assertEquals(List.of("metric", "value", "previous_period", "change_percent", "key"), summary.header());
        assertEquals(16, summary.rows().size());
        assertEquals(
                List.of("Total requests", "1234567", "1400000", "-11.82", "total_requests"),
                summary.rows().get(0));
        assertEquals(
                List.of("Total cost (USD)", "4321.000001", "4400.5", "-1.81", "total_cost_usd"),
                summary.rows().get(5));
        assertEquals(
                List.of("P95 latency (ms)", "", "1500", "", "p95_latency_ms"),
                summary.rows().get(15));
        assertEquals("10000005099", summary.value(13, "value"));
        assertEquals("987654321000", summary.value(7, "change_percent"), "no exponent");

        Map<String, String> metadata = new java.util.LinkedHashMap<>();
        parsed.block("report").rows().forEach(row -> metadata.put(row.get(2), row.get(1)));
        assertEquals("comprehensive", metadata.get("report_type"));
        assertEquals("team_xyz", metadata.get("team_id"));
        assertEquals("America/New_York", metadata.get("timezone"));
        assertEquals("2024-11-01 to 2024-11-07", metadata.get("local_days"));
        assertEquals("2024-11-01T04:00:00Z", metadata.get("period_start"));
        assertEquals("2024-11-08T05:00:00Z", metadata.get("period_end"));
        assertEquals("2024-10-25T04:00:00Z", metadata.get("previous_period_start"));
        assertEquals("2024-11-08T10:00:03Z", metadata.get("generated_at"));
    }

    @Test
    void shouldPutTheOverallFiguresFirstInPerformance() throws IOException {
        CsvBlocks.Block performance = CsvBlocks.parse(csv(report)).block("performance");
        assertEquals(keys(report.at("/data/performance/by_model/0")), performance.header());
        assertEquals(3, performance.rows().size());
        assertEquals(
                List.of("All models", "", "1234567", "812.4", "640", "2000.1", "4100.9", "29999.9"),
                performance.rows().get(0));
        assertEquals("gpt-4o", performance.value(2, "model"));
        assertEquals("", performance.value(2, "p99_latency_ms"));
    }

    @Test
    void shouldWriteExactDecimalsWithoutExponent() {
        assertEquals("0.000001", CsvReportWriter.format(new Cell(ColumnType.USD, new BigDecimal("1E-6"))));
        assertEquals("12300", CsvReportWriter.format(new Cell(ColumnType.INTEGER, new BigDecimal("1.23E+4"))));
        assertEquals("-12.50", CsvReportWriter.format(new Cell(ColumnType.PERCENT, new BigDecimal("-12.50"))));
        assertEquals("'-12.5", CsvReportWriter.format(Cell.text("-12.5")), "text that looks negative is text");
    }

    @Test
    void shouldWriteTheSameNumbersWhenTheTreeHoldsDoubles() throws IOException {
        JsonNode doubles = new com.fasterxml.jackson.databind.ObjectMapper().readTree(report.toString());
        CsvBlocks.Block daily = CsvBlocks.parse(csv(doubles)).block("daily_trend");
        assertEquals(CsvBlocks.parse(csv(report)).block("daily_trend"), daily);
        assertEquals("0.000001", daily.value(6, "cost_usd"));
        assertEquals("14109.300042", daily.value(6, "credits"));
    }

    /** Every cell of the CSV block equals the JSON value: numbers exactly, texts (escaped), instants, nulls. */
    private static void assertArrayIntact(JsonNode array, CsvBlocks.Block block) {
        assertEquals(keys(array.get(0)), block.header());
        assertEquals(array.size(), block.rows().size());
        for (int r = 0; r < array.size(); r++) {
            for (String key : block.header()) {
                JsonNode expected = array.get(r).get(key);
                String actual = block.value(r, key);
                String where = key + " of row " + r;
                if (expected.isNull()) {
                    assertEquals("", actual, where);
                } else if (expected.isNumber()) {
                    assertEquals(0, expected.decimalValue().compareTo(new BigDecimal(actual)), where + ": " + actual);
                    assertFalse(actual.contains("E"), where + ": " + actual);
                } else if (key.equals("occurred_at")) {
                    assertEquals(
                            OffsetDateTime.parse(expected.asText()).toInstant().toString(), actual, where);
                } else {
                    assertEquals(escaped(expected.asText()), actual, where);
                }
            }
        }
    }

    private static String escaped(String text) {
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    private static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    static String csv(JsonNode report) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvReportWriter.write(SampleReports.typed(report), out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
