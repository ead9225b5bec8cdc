package dev.gatewayreports.scheduling.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatewayreports.model.report.Report;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** A realistic report object (the shape of docs/report-object.md) and files like report-api's exports. */
public final class SampleReport {
    public static final String REPORT_ID = "rpt_sample0001";
    public static final long[] DAILY_REQUESTS = {180, 205, 240, 196, 310, 52, 51};
    public static final String CSV = """
            section,date,requests,errors
            daily_trend,2026-11-16,180,4
            daily_trend,2026-11-17,205,5
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleReport() {}

    /** A weekly usage report of 2026-11-16 to 2026-11-22 in America/New_York. */
    /** The sample as the records report-api's answer is read into. */
    public static Report report() {
        try {
            return JSON.treeToValue(json(), Report.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode json() {
        ObjectNode report = JSON.createObjectNode()
                .put("report_id", REPORT_ID)
                .put("report_type", "usage")
                .put("team_id", "team_sample")
                .put("timezone", "America/New_York")
                .put("generated_at", "2026-11-23T14:00:03Z")
                .put("period_start", "2026-11-16T05:00:00Z")
                .put("period_end", "2026-11-23T05:00:00Z");
        ObjectNode data = report.putObject("data");
        data.set("summary", summary());
        data.set("daily_trend", daily());
        data.set("by_model", models());
        return report;
    }

    private static ObjectNode summary() {
        ObjectNode s = figures(JSON.createObjectNode(), 1234, new BigDecimal("2.35"), 2_345_678, "12.345678", 812.4);
        ObjectNode previous =
                figures(s.putObject("previous_period"), 1100, new BigDecimal("3.1"), 2_000_000, "10.5", 790);
        previous.put("period_start", "2026-11-09T05:00:00Z").put("period_end", "2026-11-16T05:00:00Z");
        s.putObject("change_percent")
                .put("total_requests", new BigDecimal("12.18"))
                .put("error_rate", new BigDecimal("-24.19"))
                .put("total_tokens", new BigDecimal("17.28"))
                .put("total_cost_usd", new BigDecimal("17.58"))
                .put("total_credits_used", new BigDecimal("17.58"))
                .put("avg_latency_ms", new BigDecimal("2.84"))
                .put("p95_latency_ms", new BigDecimal("0"));
        return s;
    }

    private static ObjectNode figures(
            ObjectNode s, long requests, BigDecimal errorRate, long tokens, String cost, double avg) {
        return s.put("total_requests", requests)
                .put("successful_requests", requests - 29)
                .put("failed_requests", 29)
                .put("error_rate", errorRate)
                .put("total_credits_used", new BigDecimal(cost).multiply(BigDecimal.valueOf(1000)))
                .put("total_cost_usd", new BigDecimal(cost))
                .put("total_tokens", tokens)
                .put("avg_latency_ms", avg)
                .put("p95_latency_ms", 2100.5);
    }

    private static ArrayNode daily() {
        ArrayNode rows = JSON.createArrayNode();
        LocalDate day = LocalDate.parse("2026-11-16");
        for (long requests : DAILY_REQUESTS) {
            rows.addObject()
                    .put("date", day.toString())
                    .put("requests", requests)
                    .put("errors", requests / 40);
            day = day.plusDays(1);
        }
        return rows;
    }

    private static ArrayNode models() {
        ArrayNode rows = JSON.createArrayNode();
        String[][] models = {
            {"claude-sonnet-4-5", "anthropic", "610", "49.43", "7.120000"},
            {"gpt-4.1", "openai", "300", "24.31", "3.010000"},
            {"gemini-2.5-pro", "google", "180", "14.59", "1.800000"},
            {"claude-haiku-4-5", "anthropic", "90", "7.29", "0.360000"},
            {"gpt-4.1-mini", "openai", "40", "3.24", "0.050000"},
            {"mistral-large", "mistral", "14", "1.13", "0.005678"},
        };
        for (String[] m : models) {
            rows.addObject()
                    .put("model", m[0])
                    .put("provider", m[1])
                    .put("requests", Long.parseLong(m[2]))
                    .put("percentage", new BigDecimal(m[3]))
                    .put("cost_usd", new BigDecimal(m[4]));
        }
        return rows;
    }

    public static byte[] csv() {
        return CSV.getBytes(StandardCharsets.UTF_8);
    }

    /** A small workbook with a Summary sheet, as report-api's XLSX starts. */
    public static byte[] xlsx() {
        try (XSSFWorkbook workbook = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var sheet = workbook.createSheet("Summary");
            sheet.createRow(0).createCell(0).setCellValue("total_requests");
            sheet.getRow(0).createCell(1).setCellValue(1234);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
