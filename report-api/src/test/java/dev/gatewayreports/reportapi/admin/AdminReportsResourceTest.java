package dev.gatewayreports.reportapi.admin;

import static dev.gatewayreports.reportapi.support.Events.event;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.reportapi.support.Ingest;
import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.reportapi.support.Tokens;
import dev.gatewayreports.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AdminReportsResourceTest {
    static final String USAGE = "/v1/organizations/usage_report/messages";
    static final String COST = "/v1/organizations/cost_report";

    private static RequestSpecification admin(String key) {
        return given().header("x-api-key", key).header("anthropic-version", "2023-06-01");
    }

    @Test
    void shouldReportEveryBucketWithNullsForUngroupedAndDefaultWorkspace() {
        String org = Tenants.newOrg();
        String main = Tenants.newTeam();
        String other = Tenants.newTeam();
        Ingest.andFold(
                Tenants.serviceKey(org, "ingest"),
                List.of(
                        event(main)
                                .with("occurred_at", "2025-02-03T10:00:00Z")
                                .with("api_key_id", "apikey_a")
                                .with("cache_read_input_tokens", 200)
                                .with("cache_creation_5m_input_tokens", 50)
                                .with("cache_creation_1h_input_tokens", 7)
                                .with("web_search_requests", 3)
                                .with("context_window", "0-200k")
                                .with("inference_geo", "us")
                                .build(),
                        event(main).with("occurred_at", "2025-02-03T11:00:00Z").build(), // console: no api key
                        event(other)
                                .with("occurred_at", "2025-02-05T23:59:59Z")
                                .with("api_key_id", "apikey_b")
                                .with("service_tier", "priority")
                                .build()));
        Ingest.makeDefault(org, main);
        String key = Tenants.serviceKey(org, "admin");
        JsonPath all = admin(key)
                .queryParam("starting_at", "2025-02-02T08:00:00Z")
                .queryParam("ending_at", "2025-02-06T00:00:00Z")
                .get(USAGE)
                .then()
                .statusCode(200)
                .body("data", hasSize(4))
                .body("has_more", equalTo(false))
                .body("next_page", nullValue())
                .body("data[0].starting_at", equalTo("2025-02-02T00:00:00Z"))
                .body("data[0].ending_at", equalTo("2025-02-03T00:00:00Z"))
                .body("data[0].results", hasSize(0))
                .body("data[2].results", hasSize(0))
                .body("data[1].results", hasSize(1))
                .body("data[1].results[0].uncached_input_tokens", equalTo(2400))
                .body("data[1].results[0].cache_read_input_tokens", equalTo(200))
                .body("data[1].results[0].cache_creation.ephemeral_5m_input_tokens", equalTo(50))
                .body("data[1].results[0].cache_creation.ephemeral_1h_input_tokens", equalTo(7))
                .body("data[1].results[0].output_tokens", equalTo(600))
                .body("data[1].results[0].server_tool_use.web_search_requests", equalTo(3))
                .body("data[1].results[0].model", nullValue())
                .body("data[1].results[0].workspace_id", nullValue())
                .body("data[1].results[0].api_key_id", nullValue())
                .body("data[3].results[0].uncached_input_tokens", equalTo(1200))
                .extract()
                .jsonPath();
        assertTrue(all.getMap("data[1].results[0]").containsKey("inference_geo"));

        admin(key)
                .queryParam("starting_at", "2025-02-03T00:00:00Z")
                .queryParam("ending_at", "2025-02-06T00:00:00Z")
                .queryParam("group_by[]", "workspace_id")
                .queryParam("group_by[]", "api_key_id")
                .queryParam("group_by[]", "service_tier")
                .get(USAGE)
                .then()
                .statusCode(200)
                .body("data[0].results", hasSize(2))
                .body("data[0].results[0].workspace_id", nullValue())
                .body("data[0].results[0].api_key_id", nullValue())
                .body("data[0].results[0].uncached_input_tokens", equalTo(1200))
                .body("data[0].results[1].api_key_id", equalTo("apikey_a"))
                .body("data[0].results[1].service_tier", equalTo("standard"))
                .body("data[0].results[1].model", nullValue())
                .body("data[2].results[0].workspace_id", equalTo(other))
                .body("data[2].results[0].service_tier", equalTo("priority"));

        admin(key)
                .queryParam("starting_at", "2025-02-03T00:00:00Z")
                .queryParam("ending_at", "2025-02-06T00:00:00Z")
                .queryParam("bucket_width", "1h")
                .queryParam("limit", 168)
                .queryParam("models[]", "claude-sonnet-4-5")
                .queryParam("api_key_ids[]", "apikey_a")
                .queryParam("context_window[]", "0-200k")
                .queryParam("inference_geos[]", "us")
                .queryParam("group_by[]", "model")
                .queryParam("group_by[]", "context_window")
                .queryParam("group_by[]", "inference_geo")
                .get(USAGE)
                .then()
                .statusCode(200)
                .body("data", hasSize(72))
                .body("data[10].results[0].model", equalTo("claude-sonnet-4-5"))
                .body("data[10].results[0].inference_geo", equalTo("us"))
                .body("data.results.flatten()", hasSize(1));

        admin(key)
                .queryParam("starting_at", "2025-02-05T23:00:00Z")
                .queryParam("ending_at", "2025-02-06T00:00:00Z")
                .queryParam("bucket_width", "1m")
                .queryParam("workspace_ids[]", other)
                .get(USAGE)
                .then()
                .statusCode(200)
                .body("data", hasSize(60))
                .body("data[59].starting_at", equalTo("2025-02-05T23:59:00Z"))
                .body("data[59].results[0].output_tokens", equalTo(300))
                .body("data.results.flatten()", hasSize(1));
    }

    @Test
    void shouldPageWithSignedCursorsThatStayPutWhileDataArrives() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String ingestKey = Tenants.serviceKey(org, "ingest");
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        List<Map<String, Object>> events = new ArrayList<>();
        for (int h = 1; h <= 30; h++) {
            events.add(event(team)
                    .with("occurred_at", now.minus(h, ChronoUnit.HOURS).toString())
                    .build());
        }
        Ingest.andFold(ingestKey, events);
        String key = Tenants.serviceKey(org, "admin");
        String startingAt = now.minus(30, ChronoUnit.HOURS).toString();
        List<String> starts = new ArrayList<>();
        long requests = 0;
        String page = null;
        int pages = 0;
        do {
            RequestSpecification r = admin(key)
                    .queryParam("starting_at", startingAt)
                    .queryParam("bucket_width", "1h")
                    .queryParam("limit", 12);
            if (page != null) {
                r.queryParam("page", page);
            }
            JsonPath body = r.get(USAGE).then().statusCode(200).extract().jsonPath();
            starts.addAll(body.getList("data.starting_at"));
            for (Object n : body.getList("data.results.flatten().output_tokens")) {
                requests += ((Number) n).longValue() / 300;
            }
            page = body.getString("next_page");
            assertEquals(page != null, body.getBoolean("has_more"));
            if (pages++ == 0) {
                assertNotNull(page);
                // New data, in buckets of pages already read and yet to come: the next page still starts where
                // this one ended, and the window still ends where the first page put it.
                Ingest.andFold(
                        ingestKey,
                        List.of(
                                event(team)
                                        .with(
                                                "occurred_at",
                                                now.minus(29, ChronoUnit.HOURS).toString())
                                        .build(),
                                event(team)
                                        .with(
                                                "occurred_at",
                                                now.minus(10, ChronoUnit.HOURS).toString())
                                        .build(),
                                event(team)
                                        .with(
                                                "occurred_at",
                                                now.plus(2, ChronoUnit.HOURS).toString())
                                        .build()));
                String tampered = page.substring(0, page.length() - 2) + (page.endsWith("A") ? "BB" : "AA");
                admin(key)
                        .queryParam("starting_at", startingAt)
                        .queryParam("bucket_width", "1h")
                        .queryParam("page", tampered)
                        .get(USAGE)
                        .then()
                        .statusCode(400)
                        .body("type", equalTo("error"))
                        .body("error.type", equalTo("invalid_request_error"))
                        .body("error.message", containsString("page"));
                admin(key)
                        .queryParam("starting_at", startingAt)
                        .queryParam("bucket_width", "1d")
                        .queryParam("page", page)
                        .get(USAGE)
                        .then()
                        .statusCode(400)
                        .body("error.message", containsString("page"));
                admin(key)
                        .queryParam("starting_at", startingAt)
                        .queryParam("page", page)
                        .get(COST)
                        .then()
                        .statusCode(400)
                        .body("error.message", containsString("page"));
            }
        } while (page != null);
        assertEquals(3, pages);
        assertEquals(31, starts.size()); // 30 closed hours and the current one
        assertEquals(starts.size(), starts.stream().distinct().count());
        assertEquals(startingAt, starts.get(0));
        assertEquals(31, requests); // the 30 events, plus the late one in a page not yet read
    }

    @Test
    void shouldReportCostInExactCentsWithoutPriorityTier() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String other = Tenants.newTeam();
        Ingest.andFold(
                Tenants.serviceKey(org, "ingest"),
                List.of(
                        event(team)
                                .with("occurred_at", "2025-04-01T10:00:00Z")
                                .with("model", "flux-schnell")
                                .with("provider", "fal")
                                .with("cost_usd", new java.math.BigDecimal("0.0123"))
                                .build(),
                        event(team)
                                .with("occurred_at", "2025-04-01T11:00:00Z")
                                .with("input_tokens", 1000)
                                .with("cache_read_input_tokens", 100)
                                .with("output_tokens", 100)
                                .build(),
                        event(other)
                                .with("occurred_at", "2025-04-01T12:00:00Z")
                                .with("model", "flux-schnell")
                                .with("provider", "fal")
                                .with("cost_usd", new java.math.BigDecimal("1.000001"))
                                .build(),
                        event(team)
                                .with("occurred_at", "2025-04-02T12:00:00Z")
                                .with("model", "flux-schnell")
                                .with("provider", "fal")
                                .with("service_tier", "priority")
                                .with("cost_usd", 5)
                                .build()));
        Ingest.makeDefault(org, team);
        BigDecimalSum sonnet = new BigDecimalSum(Db.query(
                "select cost_usd, cost_input_usd, cost_output_usd, cost_cache_read_usd from usage_event"
                        + " where team_id = ? and model = 'claude-sonnet-4-5'",
                team));
        String key = Tenants.serviceKey(org, "admin");
        JsonPath total = admin(key)
                .queryParam("starting_at", "2025-04-01T00:00:00Z")
                .queryParam("ending_at", "2025-04-03T00:00:00Z")
                .get(COST)
                .then()
                .statusCode(200)
                .body("data", hasSize(2))
                .body("data[0].results", hasSize(1))
                .body("data[0].results[0].currency", equalTo("USD"))
                .body("data[0].results[0].description", nullValue())
                .body("data[0].results[0].model", nullValue())
                .body("data[1].results", hasSize(0)) // priority only that day
                .extract()
                .jsonPath();
        java.math.BigDecimal expected = new java.math.BigDecimal("1.012301").add(sonnet.total);
        assertEquals(
                0,
                new java.math.BigDecimal(total.getString("data[0].results[0].amount"))
                        .compareTo(expected.movePointRight(2)));

        JsonPath lines = admin(key)
                .queryParam("starting_at", "2025-04-01T00:00:00Z")
                .queryParam("ending_at", "2025-04-02T00:00:00Z")
                .queryParam("group_by[]", "description")
                .queryParam("group_by[]", "workspace_id")
                .get(COST)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Map<String, Object>> results = lines.getList("data[0].results");
        java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
        for (Map<String, Object> r : results) {
            sum = sum.add(new java.math.BigDecimal((String) r.get("amount")));
            assertNotNull(r.get("model"));
            assertNotNull(r.get("cost_type"));
            assertEquals("standard", r.get("service_tier"));
        }
        assertEquals(0, sum.compareTo(expected.movePointRight(2)));
        assertTrue(results.stream()
                .anyMatch(r -> "100.0001".equals(r.get("amount")) && other.equals(r.get("workspace_id"))));
        assertTrue(results.stream().anyMatch(r -> "1.23".equals(r.get("amount")) && r.get("workspace_id") == null));
        assertTrue(results.stream()
                .anyMatch(r -> "cache_read_input_tokens".equals(r.get("token_type"))
                        && new java.math.BigDecimal((String) r.get("amount"))
                                        .compareTo(sonnet.cacheRead.movePointRight(2))
                                == 0));
        assertFalse(results.stream().anyMatch(r -> "priority".equals(r.get("service_tier"))));
    }

    /** An event of claude-sonnet-4-5 with code execution (hours as sent: a number, a string, or absent). */
    private static Map<String, Object> codeEvent(String team, String at, String tier, Object hours) {
        var e = event(team).with("occurred_at", at).with("service_tier", tier);
        return (hours == null ? e : e.with("code_execution_hours", hours)).build();
    }

    /** The cost report's code_execution cents per "day workspace", and every line's cents per "day workspace". */
    private static Map<String, java.math.BigDecimal> codeExecutionCents(
            String key, Map<String, java.math.BigDecimal> all) {
        JsonPath lines = admin(key)
                .queryParam("starting_at", "2025-04-01T00:00:00Z")
                .queryParam("ending_at", "2025-04-03T00:00:00Z")
                .queryParam("group_by[]", "description")
                .queryParam("group_by[]", "workspace_id")
                .get(COST)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, java.math.BigDecimal> code = new java.util.TreeMap<>();
        for (int b = 0; b < 2; b++) {
            String day = lines.getString("data[" + b + "].starting_at");
            List<Map<String, Object>> results = lines.getList("data[" + b + "].results");
            for (Map<String, Object> r : results) {
                String k = day + " " + r.get("workspace_id");
                java.math.BigDecimal cents = new java.math.BigDecimal((String) r.get("amount"));
                all.merge(k, cents, java.math.BigDecimal::add);
                if ("code_execution".equals(r.get("cost_type"))) {
                    assertNull(r.get("token_type"));
                    assertEquals("claude-sonnet-4-5 code execution", r.get("description"));
                    assertEquals("claude-sonnet-4-5", r.get("model"));
                    code.merge(k, cents, java.math.BigDecimal::add);
                }
            }
        }
        return code;
    }

    @Test
    void shouldReportCodeExecutionAtHoursTimesItsPriceFromRawEventsAndRollupsAlike() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String other = Tenants.newTeam();
        // Hours as numbers and decimal strings, 0 and absent, batch (half price) and priority (not in the report).
        List<Map<String, Object>> events = List.of(
                codeEvent(team, "2025-04-01T10:00:00Z", "standard", new java.math.BigDecimal("1.5")),
                codeEvent(team, "2025-04-01T11:00:00Z", "batch", "0.25"),
                codeEvent(team, "2025-04-01T12:00:00Z", "standard", null),
                codeEvent(team, "2025-04-01T15:00:00Z", "priority", 3),
                codeEvent(other, "2025-04-01T13:00:00Z", "standard", "2"),
                codeEvent(other, "2025-04-01T14:00:00Z", "standard", 0),
                codeEvent(other, "2025-04-02T09:00:00Z", "standard", "0.000001"),
                codeEvent(other, "2025-04-02T09:30:00Z", "batch", "0.333333"));
        // Independent: hours × $0.05 (Anthropic's list price per container-hour), half in batch, in cents.
        java.math.BigDecimal rate = new java.math.BigDecimal("0.05");
        Map<String, java.math.BigDecimal> expected = new java.util.TreeMap<>();
        for (Map<String, Object> e : events) {
            Object hours = e.get("code_execution_hours");
            String tier = (String) e.get("service_tier");
            if (hours == null || tier.equals("priority") || new java.math.BigDecimal(hours.toString()).signum() == 0) {
                continue;
            }
            java.math.BigDecimal usd = new java.math.BigDecimal(hours.toString())
                    .multiply(tier.equals("batch") ? rate.multiply(new java.math.BigDecimal("0.5")) : rate)
                    .setScale(12, java.math.RoundingMode.HALF_UP);
            String workspace = e.get("team_id").equals(team) ? "null" : other;
            expected.merge(
                    ((String) e.get("occurred_at")).substring(0, 10) + "T00:00:00Z " + workspace,
                    usd.movePointRight(2),
                    java.math.BigDecimal::add);
        }
        // By hand: 1.5 h × 5¢ + 0.25 h × 2.5¢; 2 h × 5¢; 0.000001 h × 5¢ + 0.333333 h × 2.5¢.
        Map<String, String> byHand = Map.of(
                "2025-04-01T00:00:00Z null",
                "8.125",
                "2025-04-01T00:00:00Z " + other,
                "10",
                "2025-04-02T00:00:00Z " + other,
                "0.8333375");
        assertEquals(byHand.keySet(), expected.keySet());
        byHand.forEach((k, cents) -> assertEquals(0, new java.math.BigDecimal(cents).compareTo(expected.get(k)), k));
        String key = Tenants.serviceKey(org, "admin");
        // Before the fold: the report reads the pending events raw.
        given().header("x-api-key", Tenants.serviceKey(org, "ingest"))
                .contentType(io.restassured.http.ContentType.JSON)
                .body(events)
                .post("/v1/usage/events")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(events.size()));
        Ingest.makeDefault(org, team);
        Map<String, java.math.BigDecimal> rawTotals = new java.util.TreeMap<>();
        Map<String, java.math.BigDecimal> raw = codeExecutionCents(key, rawTotals);
        dev.gatewayreports.reportapi.support.Rollups.foldAll();
        Map<String, java.math.BigDecimal> rolledTotals = new java.util.TreeMap<>();
        Map<String, java.math.BigDecimal> rolled = codeExecutionCents(key, rolledTotals);
        assertTrue(
                Db.count(
                                "select count(*) from rollup_admin where org_id = ? and grain = 86400"
                                        + " and cost_code_execution_usd > 0 and code_execution_hours > 0",
                                org)
                        > 0,
                "the fold wrote code-execution hours and cost to rollup_admin");
        for (Map<String, java.math.BigDecimal> got : List.of(raw, rolled)) {
            assertEquals(expected.keySet(), got.keySet());
            expected.forEach((k, cents) -> assertEquals(0, cents.compareTo(got.get(k)), k + ": " + got.get(k)));
        }
        // Every line adds up to the day's total, which is the stored cost (tokens + code execution) without priority.
        assertEquals(rawTotals.keySet(), rolledTotals.keySet());
        rawTotals.forEach((k, cents) -> assertEquals(0, cents.compareTo(rolledTotals.get(k)), k));
        for (String day : List.of("2025-04-01", "2025-04-02")) {
            for (String ws : List.of(team, other)) {
                java.math.BigDecimal sql = (java.math.BigDecimal) Db.query(
                                "select coalesce(sum(cost_usd), 0) as c from usage_event where org_id = ? and team_id = ?"
                                        + " and service_tier <> 'priority' and occurred_at >= ?::date"
                                        + " and occurred_at < ?::date + 1",
                                org,
                                ws,
                                day,
                                day)
                        .get(0)
                        .get("c");
                java.math.BigDecimal got = rolledTotals.getOrDefault(
                        day + "T00:00:00Z " + (ws.equals(team) ? "null" : ws), java.math.BigDecimal.ZERO);
                assertEquals(0, sql.movePointRight(2).compareTo(got), day + " " + ws + ": " + got + " vs " + sql);
            }
        }
        // /calls/stats' total_cost of the team (priority included) is the same stored cost, to its 6 decimals.
        String stats = Tenants.serviceKey(org, "stats");
        JsonPath calls = given().header(
                        "Authorization",
                        "Basic "
                                + java.util.Base64.getEncoder()
                                        .encodeToString(
                                                ("api:" + stats).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of(
                        "project_id",
                        team,
                        "start",
                        "2025-04-01T00:00:00Z",
                        "end",
                        "2025-04-03T00:00:00Z",
                        "granularity",
                        86_400,
                        "timezone",
                        "UTC",
                        "usage_metrics",
                        List.of(Map.of("metric", "total_cost"))))
                .post("/calls/stats")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        java.math.BigDecimal teamCost = (java.math.BigDecimal)
                Db.query("select sum(cost_usd) as c from usage_event where org_id = ? and team_id = ?", org, team)
                        .get(0)
                        .get("c");
        assertEquals(1, calls.getList("usage_buckets").size(), "the team's events are of one day and model");
        assertEquals(
                0,
                teamCost.setScale(6, java.math.RoundingMode.HALF_EVEN)
                        .compareTo(new java.math.BigDecimal(calls.getList("usage_buckets.sum_total_cost")
                                .get(0)
                                .toString())));
        // 3 h of priority code execution ($0.15) is in that total and in no cost report line.
        assertTrue(teamCost.compareTo(new java.math.BigDecimal("0.15")) > 0);
    }

    /** Sums of the columns of the rows, for expectations computed with plain SQL. */
    static final class BigDecimalSum {
        java.math.BigDecimal total = java.math.BigDecimal.ZERO;
        java.math.BigDecimal cacheRead = java.math.BigDecimal.ZERO;

        BigDecimalSum(List<Map<String, Object>> rows) {
            for (Map<String, Object> row : rows) {
                total = total.add((java.math.BigDecimal) row.get("cost_usd"));
                cacheRead = cacheRead.add((java.math.BigDecimal) row.get("cost_cache_read_usd"));
            }
        }
    }

    @Test
    void shouldRejectBadParametersNamingThem() {
        String org = Tenants.newOrg();
        String key = Tenants.serviceKey(org, "admin");
        Object[][] usage = {
            {Map.of(), "starting_at"},
            {Map.of("starting_at", "last week"), "starting_at"},
            {Map.of("starting_at", "2025-01-01T00:00:00Z", "ending_at", "2025-01-01T00:00:00Z"), "ending_at"},
            {Map.of("starting_at", "2025-01-01T00:00:00Z", "ending_at", "soon"), "ending_at"},
            {Map.of("starting_at", "2025-01-01T00:00:00Z", "bucket_width", "1w"), "bucket_width"},
            {Map.of("starting_at", "2025-01-01T00:00:00Z", "limit", "32"), "limit"},
            {Map.of("starting_at", "2025-01-01T00:00:00Z", "limit", "0"), "limit"},
            {Map.of("starting_at", "2025-01-01T00:00:00Z", "limit", "ten"), "limit"},
            {Map.of("starting_at", "2025-01-01T00:00:00Z", "bucket_width", "1h", "limit", "169"), "limit"},
            {Map.of("starting_at", "2025-01-01T00:00:00Z", "bucket_width", "1m", "limit", "1441"), "limit"},
            {Map.of("starting_at", "2025-01-01T00:00:00Z", "group_by[]", "provider"), "group_by"},
            {Map.of("starting_at", "2025-01-01T00:00:00Z", "service_tiers[]", "gold"), "service_tiers"},
            {Map.of("starting_at", "2025-01-01T00:00:00Z", "context_window[]", "1M+"), "context_window"},
            {Map.of("starting_at", "2025-01-01T00:00:00Z", "page", "page_abc"), "page"},
            {Map.of("starting_at", "2025-01-01T00:00:00Z", "page", "nonsense"), "page"},
        };
        for (Object[] c : usage) {
            admin(key)
                    .queryParams((Map<String, ?>) c[0])
                    .get(USAGE)
                    .then()
                    .statusCode(400)
                    .body("type", equalTo("error"))
                    .body("error.type", equalTo("invalid_request_error"))
                    .body("error.message", containsString((String) c[1]));
        }
        for (String odd : List.of("0001-01-01T00:00:00Z", "9999-12-30T00:00:00Z")) {
            admin(key).queryParam("starting_at", odd).get(USAGE).then().statusCode(200);
            admin(key).queryParam("starting_at", odd).get(COST).then().statusCode(200);
        }
        Object[][] cost = {
            {Map.of(), "starting_at"},
            {Map.of("starting_at", "2025-01-01T00:00:00Z", "limit", "32"), "limit"},
            {Map.of("starting_at", "2025-01-01T00:00:00Z", "group_by[]", "model"), "group_by"},
            {Map.of("starting_at", "2025-01-02T00:00:00Z", "ending_at", "2025-01-01T00:00:00Z"), "ending_at"},
            {Map.of("starting_at", "2025-01-01T00:00:00Z", "page", "page_x.y"), "page"},
            {Map.of("starting_at", "2025-01-01T00:00:00Z", "bucket_width", "1h"), "bucket_width"},
        };
        for (Object[] c : cost) {
            admin(key)
                    .queryParams((Map<String, ?>) c[0])
                    .get(COST)
                    .then()
                    .statusCode(400)
                    .body("error.type", equalTo("invalid_request_error"))
                    .body("error.message", containsString((String) c[1]));
        }
    }

    @Test
    void shouldAcceptAdminKeysInXApiKeyOrBearerAndNothingElse() {
        String org = Tenants.newOrg();
        String adminKey = Tenants.serviceKey(org, "admin");
        for (String path : List.of(USAGE, COST)) {
            given().queryParam("starting_at", "2025-01-01T00:00:00Z")
                    .get(path)
                    .then()
                    .statusCode(401)
                    .body("type", equalTo("error"))
                    .body("error.type", equalTo("authentication_error"));
            admin(Tenants.serviceKey(org, "stats"))
                    .queryParam("starting_at", "2025-01-01T00:00:00Z")
                    .get(path)
                    .then()
                    .statusCode(403)
                    .body("error.type", equalTo("permission_error"));
            given().header("Authorization", Tokens.bearer(Tokens.orgAdmin(org)))
                    .queryParam("starting_at", "2025-01-01T00:00:00Z")
                    .get(path)
                    .then()
                    .statusCode(403)
                    .body("error.type", equalTo("permission_error"));
            // What Anthropic's SDKs send: the admin key as a bearer token.
            given().header("Authorization", "Bearer " + adminKey)
                    .queryParam("starting_at", "2025-01-01T00:00:00Z")
                    .queryParam("ending_at", "2025-01-02T00:00:00Z")
                    .get(path)
                    .then()
                    .statusCode(200)
                    .body("data[0].results", hasSize(0));
            given().header("Authorization", "bearer  " + adminKey)
                    .queryParam("starting_at", "2025-01-01T00:00:00Z")
                    .get(path)
                    .then()
                    .statusCode(200);
            given().header("Authorization", "Bearer " + Tenants.serviceKey(org, "stats"))
                    .queryParam("starting_at", "2025-01-01T00:00:00Z")
                    .get(path)
                    .then()
                    .statusCode(403)
                    .body("error.type", equalTo("permission_error"));
            given().header("Authorization", "Bearer sk-admin-unknown")
                    .queryParam("starting_at", "2025-01-01T00:00:00Z")
                    .get(path)
                    .then()
                    .statusCode(401)
                    .body("error.type", equalTo("authentication_error"));
            // HTTP Basic is the stats keys' form, not the admin API's.
            given().auth()
                    .preemptive()
                    .basic("api", adminKey)
                    .queryParam("starting_at", "2025-01-01T00:00:00Z")
                    .get(path)
                    .then()
                    .statusCode(401)
                    .body("error.type", equalTo("authentication_error"));
            admin(adminKey)
                    .queryParam("starting_at", "2025-01-01T00:00:00Z")
                    .queryParam("ending_at", "2025-01-02T00:00:00Z")
                    .get(path)
                    .then()
                    .statusCode(200)
                    .body("data[0].results", hasSize(0));
        }
        // A bearer JWT elsewhere is still OIDC's; the admin key as a bearer token opens nothing else.
        given().header("Authorization", Tokens.bearer(Tokens.orgAdmin(org)))
                .get("/v1/admin/teams")
                .then()
                .statusCode(200);
        given().header("Authorization", "Bearer " + adminKey)
                .get("/v1/admin/teams")
                .then()
                .statusCode(403);
        admin("sk-admin-unknown")
                .queryParam("starting_at", "2025-01-01T00:00:00Z")
                .get(USAGE)
                .then()
                .statusCode(401)
                .body("type", equalTo("error"))
                .body("error.type", equalTo("authentication_error"));
    }
}
