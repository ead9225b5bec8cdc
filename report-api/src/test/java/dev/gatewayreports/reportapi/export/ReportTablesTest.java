package dev.gatewayreports.reportapi.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTablesTest {

    @Test
    void shouldTypeColumnsByKey() {
        assertType(ColumnType.INTEGER, "requests", "successful_requests", "errors", "total_tokens", "http_status");
        assertType(ColumnType.CREDITS, "credits", "total_credits_used");
        assertType(ColumnType.USD, "cost_usd", "total_cost_usd");
        assertType(ColumnType.PERCENT, "percentage", "error_rate");
        ReportTable summary = ReportTables.of(SampleReports.typed(SampleReports.comprehensive()))
                .get(1);
        assertEquals(ColumnType.PERCENT, summary.columns().get(3).type(), "change_percent");
        assertType(ColumnType.MILLIS, "latency_ms", "avg_latency_ms", "p95_latency_ms");
        assertType(ColumnType.DATE, "date");
        assertType(ColumnType.LOCAL_DATETIME, "hour");
        assertType(ColumnType.UTC_DATETIME, "occurred_at", "period_start", "period_end", "generated_at");
        assertType(ColumnType.TEXT, "model", "provider", "api_key_id", "status", "error_message");
    }

    @Test
    void shouldListTheTablesOfThePresentSectionsInTheDocumentsOrder() {
        List<String> names = new ArrayList<>();
        List<ReportTable> tables = ReportTables.of(SampleReports.typed(SampleReports.comprehensive()));
        tables.forEach(table -> names.add(table.name()));
        assertEquals(
                List.of(
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
                        "error_details.recent_errors"),
                names);
        tables.forEach(table -> assertTrue(table.title().length() <= 31, table.title()));

        JsonNode onlyPerformance = SampleReports.parse("""
                {"report_type": "performance", "data": {"performance": {"overall": {"requests": 3, "avg_latency_ms": 1.5},
                 "by_model": []}, "slow_requests": null}}
                """);
        List<ReportTable> performance = ReportTables.of(SampleReports.typed(onlyPerformance));
        assertEquals(2, performance.size(), "a null section is not exported");
        ReportTable table = performance.get(1);
        // A performance report leads with latency (Focus), whatever the stored key order of "overall".
        assertEquals(
                List.of(
                        "model",
                        "provider",
                        "avg_latency_ms",
                        "p95_latency_ms",
                        "requests",
                        "p50_latency_ms",
                        "p99_latency_ms",
                        "max_latency_ms"),
                keys(table.columns()));
        List<Cell> all = table.rows().iterator().next();
        assertEquals(ReportTables.ALL_MODELS, all.get(0).value());
        assertEquals(new BigDecimal("1.5"), all.get(2).value());
    }

    @Test
    void shouldTurnValuesThatDoNotFitTheirTypeIntoText() {
        JsonNode report = SampleReports.parse("""
                {"data": {"daily_trend": [{"date": "yesterday", "requests": 3, "credits": 1.5},
                                          {"date": "2024-01-02", "requests": 7, "credits": null}]}}
                """);
        ReportTable daily = ReportTables.of(SampleReports.typed(report)).get(1);
        List<List<Cell>> rows = new ArrayList<>();
        daily.rows().forEach(rows::add);
        assertEquals(
                List.of(Cell.text("yesterday"), new Cell(ColumnType.INTEGER, new BigDecimal("3"))),
                rows.get(0).subList(0, 2));
        assertEquals(
                List.of(
                        new Cell(ColumnType.DATE, LocalDate.of(2024, 1, 2)),
                        new Cell(ColumnType.INTEGER, new BigDecimal("7"))),
                rows.get(1).subList(0, 2));
        assertEquals(new Cell(ColumnType.CREDITS, null), rows.get(1).get(5));
    }

    private static void assertType(ColumnType type, String... keys) {
        for (String key : keys) {
            assertEquals(type, ColumnType.of(Labels.column(key).kind()), key);
        }
    }

    /** A report saved before V21 comes back in jsonb's key order (by length): it still exports in record order. */
    @Test
    void shouldOrderRowsAndColumnsByFieldListsNotByStoredKeyOrder() {
        JsonNode shuffled = SampleReports.parse("""
                {"report_type": "cost", "data": {
                 "summary": {"error_rate": 0, "total_cost_usd": 1.5, "total_requests": 3, "total_credits_used": 2},
                 "by_provider": [{"credits": 2, "cost_usd": 1.5, "provider": "anthropic", "requests": 3,
                                  "percentage": 100}]}}
                """);
        List<ReportTable> tables = ReportTables.of(SampleReports.typed(shuffled));
        List<String> metrics = new ArrayList<>();
        tables.get(1).rows().forEach(row -> metrics.add((String) row.get(4).value()));
        assertEquals(
                List.of("total_credits_used", "total_cost_usd", "total_requests", "successful_requests"),
                metrics.subList(0, 4));
        assertEquals(16, metrics.size());
        assertEquals(
                List.of("provider", "credits", "cost_usd", "requests", "percentage"),
                keys(tables.get(2).columns()));
    }

    private static List<String> keys(List<Column> columns) {
        return columns.stream().map(Column::key).toList();
    }
}
