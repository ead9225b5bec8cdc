package dev.gatewayreports.reportapi.reconciliation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.model.fixtures.GeneratedEvent;
import dev.gatewayreports.model.stats.BucketSpec;
import dev.gatewayreports.model.stats.Dimension;
import dev.gatewayreports.model.stats.Measure;
import dev.gatewayreports.model.stats.RawFilters;
import dev.gatewayreports.model.stats.StatsEngine;
import dev.gatewayreports.model.stats.StatsQuery;
import dev.gatewayreports.reportapi.support.IndependentTotals;
import dev.gatewayreports.reportapi.support.ReconciliationDataset;
import dev.gatewayreports.reportapi.support.Tenants;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * One truth: over one generated dataset (three teams, a DST day, late and duplicate events, cache tokens, errors,
 * priority tier, console traffic), {@code /calls/stats}, the admin usage report and the admin cost report agree
 * with each other, with the reports API, and with {@link IndependentTotals} (Java over the generated events, plain SQL for money):
 * counts and tokens exactly, money to the cent (the admin cost report exactly), percentiles within 1%.
 */
@QuarkusTest
class OneTruthReconciliationTest {
    @Inject
    StatsEngine engine;

    /** Totals of one team as /calls/stats answers them. */
    record CallStatsTotals(long calls, long errors, long input, long output, long total, BigDecimal cost) {}

    /** Totals of one workspace as the admin usage report answers them. */
    record AdminUsageTotals(long input, long cacheRead, long write5m, long write1h, long output, long webSearch) {}

    @Test
    void shouldAgreeAcrossApisAndWithIndependentTotals() {
        ReconciliationDataset d = ReconciliationDataset.ingest(20_250_309L, 3_000);
        String statsKey = Tenants.serviceKey(d.orgId(), "stats");
        String adminKey = Tenants.serviceKey(d.orgId(), "admin");
        long t0 = System.nanoTime();
        Map<String, AdminUsageTotals> usage = adminUsageByWorkspace(adminKey, d);
        long t1 = System.nanoTime();
        Map<String, BigDecimal> costCents = adminCostCentsByWorkspace(adminKey, d, true);
        long t2 = System.nanoTime();
        Map<String, BigDecimal> costCentsPlain = adminCostCentsByWorkspace(adminKey, d, false);
        long t3 = System.nanoTime();
        callStats(statsKey, d, d.teams().get(0));
        long t4 = System.nanoTime();
        System.out.printf(
                "reconciliation timings: usage report (3 pages) %d ms, cost report by description %d ms,"
                        + " cost report %d ms, calls/stats %d ms%n",
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000);
        long allRequests = 0;
        for (String team : d.teams()) {
            IndependentTotals expected = IndependentTotals.of(d, List.of(team));
            assertTrue(expected.requests() > 100 && expected.errors() > 0, "the dataset covers every team");
            allRequests += expected.requests();
            String workspace = team.equals(d.teams().get(0)) ? null : team;

            CallStatsTotals calls = callStats(statsKey, d, team);
            assertEquals(expected.requests(), calls.calls(), "call_count of " + team);
            assertEquals(expected.errors(), calls.errors(), "error_count of " + team);
            assertEquals(expected.allInputTokens(), calls.input(), "input_tokens of " + team);
            assertEquals(expected.outputTokens(), calls.output(), "output_tokens of " + team);
            assertEquals(expected.allInputTokens() + expected.outputTokens(), calls.total());
            assertEquals(cents(expected.costUsd()), cents(calls.cost()), "total_cost of " + team);

            AdminUsageTotals admin = usage.get(workspace);
            assertEquals(expected.uncachedInputTokens(), admin.input(), "uncached_input_tokens of " + team);
            assertEquals(expected.cacheReadInputTokens(), admin.cacheRead());
            assertEquals(expected.cacheCreation5mInputTokens(), admin.write5m());
            assertEquals(expected.cacheCreation1hInputTokens(), admin.write1h());
            assertEquals(expected.outputTokens(), admin.output());
            assertEquals(expected.webSearchRequests(), admin.webSearch());
            assertEquals(calls.input(), admin.input() + admin.cacheRead() + admin.write5m() + admin.write1h());

            BigDecimal billedCents = expected.costUsdWithoutPriority().movePointRight(2);
            assertEquals(0, billedCents.compareTo(costCents.get(workspace)), "cost_report lines of " + team);
            assertEquals(0, billedCents.compareTo(costCentsPlain.get(workspace)), "cost_report of " + team);
            assertTrue(expected.costUsd().compareTo(expected.costUsdWithoutPriority()) > 0, "priority is present");

            assertReportAgrees(d, team, expected, calls, admin);
            assertPerLocalDay(statsKey, d, team);
            assertHoursOfTheShortDay(statsKey, d, team);
            assertPerCallFilters(statsKey, d, team);
            assertPercentiles(statsKey, d, team, expected);
        }
        assertEquals(d.events().size(), allRequests);
        JsonPath all = report(d, "all");
        assertEquals(d.events().size(), all.getLong("data.summary.total_requests"), "team_id=all report");
        assertEquals(
                cents(IndependentTotals.of(d, List.of()).costUsd()),
                cents(new BigDecimal(all.getString("data.summary.total_cost_usd"))));
        assertDaysReadRollups(d);
        assertCodeExecutionLines(adminKey, d);
    }

    /** Anthropic's list price of code execution: $0.05 per container-hour (V26). */
    private static final BigDecimal CODE_EXECUTION_USD_PER_HOUR = new BigDecimal("0.05");

    /**
     * The cost report's {@code code_execution} lines, per UTC day and workspace, equal hours × $0.05 per event (half
     * for batch, priority left out), each rounded as the cost columns are (12 decimals, half up), computed here in
     * Java from the generated events and the published price, not read from the book.
     */
    private static void assertCodeExecutionLines(String adminKey, ReconciliationDataset d) {
        Map<String, BigDecimal> expected = new TreeMap<>();
        Map<String, Integer> perTeam = new HashMap<>();
        for (GeneratedEvent e : d.events()) {
            BigDecimal hours = e.usage() == null ? null : e.usage().codeExecutionHours();
            if (hours == null || hours.signum() == 0) {
                continue;
            }
            perTeam.merge(e.teamId(), 1, Integer::sum);
            if (e.serviceTier().equals("priority")) {
                continue;
            }
            BigDecimal rate = e.serviceTier().equals("batch")
                    ? CODE_EXECUTION_USD_PER_HOUR.multiply(new BigDecimal("0.5"))
                    : CODE_EXECUTION_USD_PER_HOUR;
            BigDecimal usd = hours.multiply(rate).setScale(12, RoundingMode.HALF_UP);
            String workspace = e.teamId().equals(d.teams().get(0)) ? null : e.teamId();
            Instant day =
                    Instant.ofEpochSecond(Math.floorDiv(e.occurredAtInstant().getEpochSecond(), 86_400) * 86_400);
            expected.merge(day + " " + workspace, usd.movePointRight(2), BigDecimal::add);
        }
        for (String team : d.teams()) {
            assertTrue(perTeam.getOrDefault(team, 0) > 3, "the dataset has code execution in " + team);
        }
        JsonPath json = given().header("x-api-key", adminKey)
                .queryParam("starting_at", d.start().toString())
                .queryParam("ending_at", adminEndingAt(d))
                .queryParam("group_by[]", "workspace_id")
                .queryParam("group_by[]", "description")
                .get("/v1/organizations/cost_report")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, BigDecimal> actual = new TreeMap<>();
        List<Map<String, Object>> buckets = json.getList("data");
        for (Map<String, Object> bucket : buckets) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> results = (List<Map<String, Object>>) bucket.get("results");
            for (Map<String, Object> r : results) {
                if (!"code_execution".equals(r.get("cost_type"))) {
                    continue;
                }
                assertEquals(null, r.get("token_type"), "a code_execution line has no token type");
                assertEquals(r.get("model") + " code execution", r.get("description"));
                actual.merge(
                        bucket.get("starting_at") + " " + r.get("workspace_id"),
                        new BigDecimal((String) r.get("amount")),
                        BigDecimal::add);
            }
        }
        assertEquals(expected.keySet(), actual.keySet(), "days and workspaces with code execution");
        expected.forEach((k, cents) ->
                assertEquals(0, cents.compareTo(actual.get(k)), "code_execution cents of " + k + ": " + actual.get(k)));
    }

    /** The reports API's comprehensive report of the team over the same window and zone. */
    private static JsonPath report(ReconciliationDataset d, String team) {
        return given().header(
                        "Authorization",
                        dev.gatewayreports.reportapi.support.Tokens.bearer(
                                dev.gatewayreports.reportapi.support.Tokens.orgAdmin(d.orgId())))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "report_type",
                        "comprehensive",
                        "start",
                        ReconciliationDataset.START,
                        "end",
                        ReconciliationDataset.END,
                        "timezone",
                        d.zone().getId(),
                        "team_id",
                        team))
                .post("/v1/reports/generate")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath(io.restassured.path.json.config.JsonPathConfig.jsonPathConfig()
                        .numberReturnType(io.restassured.path.json.config.JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    /** The reports API says what /calls/stats, the admin API and the independent totals say. */
    private static void assertReportAgrees(
            ReconciliationDataset d,
            String team,
            IndependentTotals expected,
            CallStatsTotals calls,
            AdminUsageTotals admin) {
        JsonPath r = report(d, team);
        assertEquals(expected.requests(), r.getLong("data.summary.total_requests"), "report requests of " + team);
        assertEquals(calls.calls(), r.getLong("data.summary.total_requests"));
        assertEquals(expected.errors(), r.getLong("data.summary.failed_requests"));
        assertEquals(admin.input(), r.getLong("data.summary.input_tokens"));
        assertEquals(admin.cacheRead(), r.getLong("data.summary.cache_read_input_tokens"));
        assertEquals(admin.write5m(), r.getLong("data.summary.cache_creation_5m_input_tokens"));
        assertEquals(admin.write1h(), r.getLong("data.summary.cache_creation_1h_input_tokens"));
        assertEquals(admin.output(), r.getLong("data.summary.output_tokens"));
        assertEquals(admin.webSearch(), r.getLong("data.summary.web_search_requests"));
        BigDecimal usd = new BigDecimal(r.getString("data.summary.total_cost_usd"));
        assertEquals(cents(expected.costUsd()), cents(usd), "report USD of " + team);
        assertEquals(cents(calls.cost()), cents(usd));
        double p95 = r.getDouble("data.summary.p95_latency_ms");
        long exact = expected.latencyPercentile(95);
        assertTrue(Math.abs(p95 - exact) <= exact * 0.01 + 0.05, "report p95 " + p95 + " vs " + exact);
        Map<Instant, Long> perDay = IndependentTotals.requestsPerLocalDay(d, team, d.zone());
        List<Map<String, Object>> daily = r.getList("data.daily_trend");
        for (Map<String, Object> row : daily) {
            Instant day = java.time.LocalDate.parse((String) row.get("date"))
                    .atStartOfDay(d.zone())
                    .toInstant();
            assertEquals(
                    perDay.getOrDefault(day, 0L).longValue(),
                    ((Number) row.get("requests")).longValue(),
                    "report daily_trend " + row.get("date") + " of " + team);
        }
    }

    private static String basic(String key) {
        return "Basic " + Base64.getEncoder().encodeToString(("api:" + key).getBytes(StandardCharsets.UTF_8));
    }

    private static JsonPath postStats(String key, Map<String, Object> body) {
        return given().header("Authorization", basic(key))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/calls/stats")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** /calls/stats of one team over the dataset's window in daily New York buckets, summed over buckets. */
    static CallStatsTotals callStats(String key, ReconciliationDataset d, String team) {
        Map<String, Object> body = new HashMap<>();
        body.put("project_id", team);
        body.put("start", ReconciliationDataset.START);
        body.put("end", ReconciliationDataset.END);
        body.put("granularity", 86_400);
        body.put("timezone", d.zone().getId());
        body.put(
                "usage_metrics",
                List.of(
                        Map.of("metric", "input_tokens"),
                        Map.of("metric", "output_tokens"),
                        Map.of("metric", "total_tokens"),
                        Map.of("metric", "total_cost")));
        body.put("call_metrics", List.of(Map.of("metric", "call_count"), Map.of("metric", "error_count")));
        JsonPath json = postStats(key, body);
        BigDecimal cost = BigDecimal.ZERO;
        for (Object c : json.getList("usage_buckets.sum_total_cost")) {
            cost = cost.add(new BigDecimal(c.toString()));
        }
        return new CallStatsTotals(
                sum(json.getList("call_buckets.sum_call_count")),
                sum(json.getList("call_buckets.sum_error_count")),
                sum(json.getList("usage_buckets.sum_input_tokens")),
                sum(json.getList("usage_buckets.sum_output_tokens")),
                sum(json.getList("usage_buckets.sum_total_tokens")),
                cost);
    }

    /**
     * The admin API returns only the UTC days that end by {@code ending_at}: the dataset's window ends at New York
     * midnight (04:00 UTC), so its last day is asked for up to the next UTC midnight.
     */
    static String adminEndingAt(ReconciliationDataset d) {
        long day = 86_400;
        long end = d.end().getEpochSecond();
        return java.time.Instant.ofEpochSecond(Math.floorDiv(end + day - 1, day) * day)
                .toString();
    }

    /** The admin usage report, grouped by workspace, read page by page (limit 2 days), summed per workspace. */
    static Map<String, AdminUsageTotals> adminUsageByWorkspace(String key, ReconciliationDataset d) {
        Map<String, long[]> sums = new HashMap<>();
        String page = null;
        do {
            var request = given().header("x-api-key", key)
                    .queryParam("starting_at", d.start().toString())
                    .queryParam("ending_at", adminEndingAt(d))
                    .queryParam("limit", 2)
                    .queryParam("group_by[]", "workspace_id");
            if (page != null) {
                request.queryParam("page", page);
            }
            JsonPath json = request.get("/v1/organizations/usage_report/messages")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            List<Map<String, Object>> results = json.getList("data.results.flatten()");
            for (Map<String, Object> r : results) {
                long[] s = sums.computeIfAbsent((String) r.get("workspace_id"), w -> new long[6]);
                s[0] += ((Number) r.get("uncached_input_tokens")).longValue();
                s[1] += ((Number) r.get("cache_read_input_tokens")).longValue();
                Map<?, ?> cache = (Map<?, ?>) r.get("cache_creation");
                s[2] += ((Number) cache.get("ephemeral_5m_input_tokens")).longValue();
                s[3] += ((Number) cache.get("ephemeral_1h_input_tokens")).longValue();
                s[4] += ((Number) r.get("output_tokens")).longValue();
                s[5] += ((Number) ((Map<?, ?>) r.get("server_tool_use")).get("web_search_requests")).longValue();
            }
            page = json.getString("next_page");
        } while (page != null);
        Map<String, AdminUsageTotals> out = new HashMap<>();
        sums.forEach((w, s) -> out.put(w, new AdminUsageTotals(s[0], s[1], s[2], s[3], s[4], s[5])));
        return out;
    }

    /** The admin cost report's amounts (cents) summed per workspace, by description lines or not. */
    static Map<String, BigDecimal> adminCostCentsByWorkspace(String key, ReconciliationDataset d, boolean lines) {
        var request = given().header("x-api-key", key)
                .queryParam("starting_at", d.start().toString())
                .queryParam("ending_at", adminEndingAt(d))
                .queryParam("group_by[]", "workspace_id");
        if (lines) {
            request.queryParam("group_by[]", "description");
        }
        JsonPath json = request.get("/v1/organizations/cost_report")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(false, json.getBoolean("has_more"));
        Map<String, BigDecimal> out = new HashMap<>();
        List<Map<String, Object>> results = json.getList("data.results.flatten()");
        for (Map<String, Object> r : results) {
            assertNotEquals("priority", r.get("service_tier"));
            out.merge((String) r.get("workspace_id"), new BigDecimal((String) r.get("amount")), BigDecimal::add);
        }
        return out;
    }

    /** Daily buckets start at New York midnight, the 23-hour day included, and count what Java counts per day. */
    private static void assertPerLocalDay(String key, ReconciliationDataset d, String team) {
        JsonPath json = postStats(
                key,
                Map.of(
                        "project_id",
                        team,
                        "start",
                        ReconciliationDataset.START,
                        "end",
                        ReconciliationDataset.END,
                        "granularity",
                        86_400,
                        "timezone",
                        d.zone().getId(),
                        "call_metrics",
                        List.of(Map.of("metric", "call_count"))));
        Map<Instant, Long> got = new TreeMap<>();
        List<String> stamps = json.getList("call_buckets.timestamp");
        List<Object> counts = json.getList("call_buckets.sum_call_count");
        for (int i = 0; i < stamps.size(); i++) {
            got.put(Instant.parse(stamps.get(i)), ((Number) counts.get(i)).longValue());
        }
        assertEquals(IndependentTotals.requestsPerLocalDay(d, team, d.zone()), got);
        assertTrue(got.containsKey(Instant.parse("2025-03-10T04:00:00Z")), "the day after spring-forward");
    }

    /** Hourly New York buckets of 2025-03-09: 23 of them (02:00 does not exist), summing to the day's calls. */
    private static void assertHoursOfTheShortDay(String key, ReconciliationDataset d, String team) {
        JsonPath json = postStats(
                key,
                Map.of(
                        "project_id",
                        team,
                        "start",
                        "2025-03-09T00:00:00-05:00",
                        "end",
                        "2025-03-10T00:00:00-04:00",
                        "granularity",
                        3_600,
                        "timezone",
                        d.zone().getId(),
                        "call_metrics",
                        List.of(Map.of("metric", "call_count"))));
        long expected =
                IndependentTotals.requestsPerLocalDay(d, team, d.zone()).get(Instant.parse("2025-03-09T05:00:00Z"));
        assertEquals(expected, sum(json.getList("call_buckets.sum_call_count")));
        assertTrue(json.getList("call_buckets").size() <= 23);
        for (String stamp : json.<String>getList("call_buckets.timestamp")) {
            assertEquals(0, Instant.parse(stamp).getEpochSecond() % 3_600, stamp);
        }
    }

    /** Per-call filters (answered from raw events) count what Java counts over the same events. */
    private static void assertPerCallFilters(String key, ReconciliationDataset d, String team) {
        List<GeneratedEvent> mine =
                d.events().stream().filter(e -> e.teamId().equals(team)).toList();
        String user = mine.stream()
                .map(e -> e.caller().userId())
                .filter(u -> u != null)
                .findFirst()
                .orElseThrow();
        long roots = mine.stream().filter(e -> e.caller().parentId() == null).count();
        long ofUser =
                mine.stream().filter(e -> user.equals(e.caller().userId())).count();
        long rootsOfUser = mine.stream()
                .filter(e ->
                        e.caller().parentId() == null && user.equals(e.caller().userId()))
                .count();
        assertTrue(roots > 0 && roots < mine.size(), "the dataset has roots and children");
        Object[][] cases = {
            {Map.of("trace_roots_only", true), roots},
            {Map.of("wb_user_ids", List.of(user)), ofUser},
            {Map.of("wb_user_ids", List.of(user), "trace_roots_only", true), rootsOfUser},
        };
        for (Object[] c : cases) {
            JsonPath json = postStats(
                    key,
                    Map.of(
                            "project_id",
                            team,
                            "start",
                            ReconciliationDataset.START,
                            "end",
                            ReconciliationDataset.END,
                            "timezone",
                            d.zone().getId(),
                            "filter",
                            c[0],
                            "call_metrics",
                            List.of(Map.of("metric", "call_count"))));
            assertEquals((long) c[1], sum(json.getList("call_buckets.sum_call_count")), c[0].toString());
        }
    }

    /** One bucket over the whole window: latency percentiles within 1%, min, max and mean exact. */
    private static void assertPercentiles(String key, ReconciliationDataset d, String team, IndependentTotals e) {
        JsonPath json = postStats(
                key,
                Map.of(
                        "project_id",
                        team,
                        "start",
                        ReconciliationDataset.START,
                        "end",
                        ReconciliationDataset.END,
                        "granularity",
                        5 * 86_400,
                        "timezone",
                        d.zone().getId(),
                        "call_metrics",
                        List.of(Map.of(
                                "metric",
                                "latency_ms",
                                "aggregations",
                                List.of("min", "max", "avg", "count"),
                                "percentiles",
                                List.of(50, 95, 99, 99.9)))));
        assertEquals(1, json.getList("call_buckets").size());
        for (double p : List.of(50.0, 95.0, 99.0, 99.9)) {
            String k = "p" + BigDecimal.valueOf(p).stripTrailingZeros().toPlainString() + "_latency_ms";
            double got = json.getDouble("call_buckets[0].'" + k + "'");
            long exact = e.latencyPercentile(p);
            assertTrue(Math.abs(got - exact) <= 0.01 * exact, k + ": " + got + " vs exact " + exact);
        }
        List<Long> l = e.sortedLatencies();
        assertEquals(l.get(0), json.getLong("call_buckets[0].min_latency_ms"));
        assertEquals(l.get(l.size() - 1), json.getLong("call_buckets[0].max_latency_ms"));
        assertEquals(e.requests(), json.getLong("call_buckets[0].count_latency_ms"));
        double mean = l.stream().mapToLong(Long::longValue).sum() / (double) l.size();
        assertEquals(mean, json.getDouble("call_buckets[0].avg_latency_ms"), 1e-6 * mean);
    }

    /** The same kind of query the APIs make reads rollups, not raw events, over whole days. */
    private void assertDaysReadRollups(ReconciliationDataset d) {
        var result = engine.execute(new StatsQuery(
                d.orgId(),
                d.teams(),
                d.start(),
                d.end(),
                d.zone(),
                BucketSpec.seconds(86_400),
                List.of(Dimension.MODEL),
                Map.of(),
                RawFilters.NONE,
                EnumSet.of(Measure.REQUESTS, Measure.TOKENS, Measure.COST, Measure.COST_PARTS)));
        assertNotEquals("raw", result.source());
        assertEquals(0, result.rawPieces());
    }

    private static long sum(List<Object> values) {
        long s = 0;
        for (Object v : values) {
            s += ((Number) v).longValue();
        }
        return s;
    }

    private static BigDecimal cents(BigDecimal usd) {
        return usd.setScale(2, RoundingMode.HALF_EVEN);
    }
}
