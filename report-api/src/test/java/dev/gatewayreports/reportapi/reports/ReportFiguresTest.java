package dev.gatewayreports.reportapi.reports;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.gatewayreports.reportapi.support.Rollups;
import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.reportapi.support.Tokens;
import dev.gatewayreports.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every number of a comprehensive report against plain Java over the events that were sent: a week across New
 * York's autumn fall-back (a 25-hour day, two 01:00 hours) and a day in Kolkata (+05:30), with late and
 * duplicate events, answered from rollups the worker's fold wrote.
 */
@QuarkusTest
class ReportFiguresTest {
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    @Test
    void shouldMatchIndependentFiguresAcrossNewYorkFallBackWeek() throws Exception {
        ZoneId ny = ZoneId.of("America/New_York");
        Instant start = ZonedDateTime.of(2024, 11, 1, 0, 0, 0, 0, ny).toInstant();
        Instant end = ZonedDateTime.of(2024, 11, 8, 0, 0, 0, 0, ny).toInstant();
        Instant previousStart = ZonedDateTime.of(2024, 10, 25, 0, 0, 0, 0, ny).toInstant();
        Dataset data = Dataset.load(11, previousStart.plus(3, ChronoUnit.DAYS), end.plus(1, ChronoUnit.DAYS), 1400);

        JsonNode report = generate(data, "comprehensive", start, end, ny);
        assertEquals("America/New_York", report.get("timezone").asText());
        assertEquals(start.toString(), report.get("period_start").asText());
        assertEquals(end.toString(), report.get("period_end").asText());
        // Seven local days of 7 × 24 h + 1 h: the previous period is the seven local days before, not 169 h.
        assertEquals(
                previousStart.toString(),
                report.at("/data/summary/previous_period/period_start").asText());
        JsonNode d = report.get("data");
        List<SampleEvents.Sample> inWindow = data.within(start, end);
        List<SampleEvents.Sample> before = data.within(previousStart, start);
        assertTrue(inWindow.size() > 500 && before.size() > 100, "the dataset covers both periods");

        checkSummary(d.get("summary"), data.figures(inWindow), data.figures(before));
        checkTrend(
                d.get("daily_trend"),
                "date",
                data,
                inWindow,
                s -> s.occurredAt().atZone(ny).toLocalDate().toString());
        assertEquals(7, d.get("daily_trend").size());
        assertEquals("2024-11-03", d.get("daily_trend").get(2).get("date").asText());
        checkTrend(
                d.get("hourly_trend"),
                "hour",
                data,
                inWindow,
                s -> s.occurredAt()
                        .atZone(ny)
                        .truncatedTo(ChronoUnit.HOURS)
                        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        assertEquals(7 * 24 + 1, d.get("hourly_trend").size(), "the fall-back day has 25 hours");
        List<String> hours = new ArrayList<>();
        d.get("hourly_trend").forEach(r -> hours.add(r.get("hour").asText()));
        assertTrue(hours.contains("2024-11-03T01:00:00-04:00") && hours.contains("2024-11-03T01:00:00-05:00"));

        checkShares(d.get("by_provider"), "provider", data, inWindow, SampleEvents.Sample::provider);
        checkShares(d.get("by_api_key"), "api_key_id", data, inWindow, SampleEvents.Sample::apiKeyId);
        checkModels(d.get("by_model"), d.get("performance"), data, inWindow);
        checkSlowest(d.get("slow_requests"), inWindow);
        checkErrors(d.get("error_details"), data, inWindow);
    }

    @Test
    void shouldMatchIndependentFiguresForAKolkataDay() throws Exception {
        ZoneId kolkata = ZoneId.of("Asia/Kolkata");
        Instant start = ZonedDateTime.of(2024, 11, 5, 0, 0, 0, 0, kolkata).toInstant();
        Instant end = start.plus(1, ChronoUnit.DAYS);
        Dataset data = Dataset.load(23, start.minus(2, ChronoUnit.DAYS), end.plus(1, ChronoUnit.DAYS), 500);

        JsonNode report = generate(data, "usage", start, end, kolkata, "\"hourly_trend\": true");
        JsonNode d = report.get("data");
        List<SampleEvents.Sample> inWindow = data.within(start, end);
        checkSummary(
                d.get("summary"),
                data.figures(inWindow),
                data.figures(data.within(start.minus(1, ChronoUnit.DAYS), start)));
        assertEquals(1, d.get("daily_trend").size());
        assertEquals("2024-11-05", d.get("daily_trend").get(0).get("date").asText());
        checkTrend(d.get("daily_trend"), "date", data, inWindow, s -> "2024-11-05");
        checkTrend(
                d.get("hourly_trend"),
                "hour",
                data,
                inWindow,
                s -> s.occurredAt()
                        .atZone(kolkata)
                        .truncatedTo(ChronoUnit.HOURS)
                        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        assertEquals(
                "2024-11-05T00:00:00+05:30",
                d.get("hourly_trend").get(0).get("hour").asText());
        checkShares(d.get("by_provider"), "provider", data, inWindow, SampleEvents.Sample::provider);
        // A usage report leads with requests; a cost report's rows lead with credits and USD, ranked by USD.
        assertEquals(
                List.of("model", "provider", "requests"),
                firstKeys(d.get("by_model").get(0), 3));
        JsonNode cost = generate(data, "cost", start, end, kolkata).get("data");
        assertEquals(
                List.of("model", "provider", "credits", "cost_usd"),
                firstKeys(cost.get("by_model").get(0), 4));
        BigDecimal previous = null;
        for (JsonNode row : cost.get("by_model")) {
            BigDecimal usd = row.get("cost_usd").decimalValue();
            assertTrue(previous == null || previous.compareTo(usd) >= 0, "cost report ranks by USD");
            previous = usd;
        }
    }

    @Test
    void shouldReportWholeLocalDaysForDays() throws Exception {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String token = Tokens.user(org, List.of(team), "member");
        JsonNode report = JSON.readTree(given().header("Authorization", Tokens.bearer(token))
                .queryParam("days", 3)
                .queryParam("timezone", "Asia/Kathmandu")
                .get("/v1/reports/quick/usage")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        ZoneId zone = ZoneId.of("Asia/Kathmandu");
        LocalDate today = LocalDate.now(zone);
        assertEquals(
                today.atStartOfDay(zone).toInstant().toString(),
                report.get("period_end").asText());
        assertEquals(
                today.minusDays(3).atStartOfDay(zone).toInstant().toString(),
                report.get("period_start").asText());
        assertEquals(
                today.minusDays(6).atStartOfDay(zone).toInstant().toString(),
                report.at("/data/summary/previous_period/period_start").asText());
        assertEquals(3, report.at("/data/daily_trend").size());
        assertEquals(0, report.at("/data/summary/total_requests").asLong());
        assertTrue(report.at("/data/summary/change_percent/total_requests").isNull(), "no change from nothing");
    }

    // --- checks ---

    private static void checkSummary(JsonNode s, Independent now, Independent before) {
        checkFigures(s, now);
        checkFigures(s.get("previous_period"), before);
        JsonNode change = s.get("change_percent");
        assertEquals(
                BigDecimal.valueOf(now.requests - before.requests)
                        .multiply(BigDecimal.valueOf(100))
                        .divide(BigDecimal.valueOf(before.requests), 2, java.math.RoundingMode.HALF_UP),
                change.get("total_requests").decimalValue().setScale(2));
        BigDecimal usdNow = Independent.money(now.cost);
        BigDecimal usdBefore = Independent.money(before.cost);
        assertEquals(
                usdNow.subtract(usdBefore)
                        .multiply(BigDecimal.valueOf(100))
                        .divide(usdBefore, 2, java.math.RoundingMode.HALF_UP),
                change.get("total_cost_usd").decimalValue().setScale(2));
    }

    private static void checkFigures(JsonNode s, Independent f) {
        assertEquals(f.requests, s.get("total_requests").asLong());
        assertEquals(f.requests - f.errors, s.get("successful_requests").asLong());
        assertEquals(f.errors, s.get("failed_requests").asLong());
        assertDecimal(Independent.percent(f.errors, f.requests), s.get("error_rate"));
        assertDecimal(Independent.money(f.credits), s.get("total_credits_used"));
        assertDecimal(Independent.money(f.cost), s.get("total_cost_usd"));
        assertEquals(f.unpriced, s.get("unpriced_requests").asLong());
        assertEquals(f.tokens[0], s.get("input_tokens").asLong());
        assertEquals(f.tokens[1], s.get("cache_read_input_tokens").asLong());
        assertEquals(f.tokens[2], s.get("cache_creation_5m_input_tokens").asLong());
        assertEquals(f.tokens[3], s.get("cache_creation_1h_input_tokens").asLong());
        assertEquals(f.tokens[4], s.get("output_tokens").asLong());
        assertEquals(f.tokens[5], s.get("web_search_requests").asLong());
        assertEquals(f.totalTokens(), s.get("total_tokens").asLong());
        assertEquals(f.average(), s.get("avg_latency_ms").asDouble(), 0.05);
        assertWithinOnePercent(f.percentile(95), s.get("p95_latency_ms"));
    }

    private static void checkTrend(
            JsonNode rows,
            String key,
            Dataset data,
            List<SampleEvents.Sample> samples,
            Function<SampleEvents.Sample, String> label) {
        Map<String, List<SampleEvents.Sample>> groups = samples.stream().collect(Collectors.groupingBy(label));
        long seen = 0;
        for (JsonNode row : rows) {
            Independent f = data.figures(groups.getOrDefault(row.get(key).asText(), List.of()));
            seen += f.requests;
            assertEquals(f.requests, row.get("requests").asLong(), row.toString());
            assertEquals(f.errors, row.get("errors").asLong(), row.toString());
            assertEquals(f.requests - f.errors, row.get("successful_requests").asLong());
            assertDecimal(Independent.money(f.credits), row.get("credits"));
            assertDecimal(Independent.money(f.cost), row.get("cost_usd"));
            assertEquals(f.tokens[1], row.get("cache_read_input_tokens").asLong());
            assertEquals(f.totalTokens(), row.get("total_tokens").asLong());
            if (f.requests == 0) {
                assertTrue(row.get("error_rate").isNull());
            }
        }
        assertEquals(samples.size(), seen, "every event is in exactly one " + key + " row");
    }

    private static void checkShares(
            JsonNode rows,
            String key,
            Dataset data,
            List<SampleEvents.Sample> samples,
            Function<SampleEvents.Sample, String> by) {
        Map<String, List<SampleEvents.Sample>> groups = new HashMap<>();
        samples.forEach(
                s -> groups.computeIfAbsent(by.apply(s), k -> new ArrayList<>()).add(s));
        assertEquals(groups.size(), rows.size());
        for (JsonNode row : rows) {
            String name = row.get(key).isNull() ? null : row.get(key).asText();
            Independent f = data.figures(groups.get(name));
            assertEquals(f.requests, row.get("requests").asLong());
            assertDecimal(Independent.percent(f.requests, samples.size()), row.get("percentage"));
            assertDecimal(Independent.money(f.credits), row.get("credits"));
            assertDecimal(Independent.money(f.cost), row.get("cost_usd"));
        }
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(rows.get(i - 1).get("requests").asLong()
                    >= rows.get(i).get("requests").asLong());
        }
    }

    private static void checkModels(
            JsonNode byModel, JsonNode performance, Dataset data, List<SampleEvents.Sample> samples) {
        Map<String, List<SampleEvents.Sample>> groups =
                samples.stream().collect(Collectors.groupingBy(SampleEvents.Sample::model));
        assertEquals(groups.size(), byModel.size());
        for (JsonNode row : byModel) {
            Independent f = data.figures(groups.get(row.get("model").asText()));
            assertEquals(
                    groups.get(row.get("model").asText()).get(0).provider(),
                    row.get("provider").asText());
            assertEquals(f.requests, row.get("requests").asLong());
            assertDecimal(Independent.money(f.cost), row.get("cost_usd"));
            assertEquals(f.tokens[0], row.get("input_tokens").asLong());
            assertEquals(f.totalTokens(), row.get("total_tokens").asLong());
            assertWithinOnePercent(f.percentile(95), row.get("p95_latency_ms"));
        }
        Independent all = data.figures(samples);
        JsonNode overall = performance.get("overall");
        assertEquals(all.requests, overall.get("requests").asLong());
        assertEquals(all.average(), overall.get("avg_latency_ms").asDouble(), 0.05);
        assertWithinOnePercent(all.percentile(50), overall.get("p50_latency_ms"));
        assertWithinOnePercent(all.percentile(95), overall.get("p95_latency_ms"));
        assertWithinOnePercent(all.percentile(99), overall.get("p99_latency_ms"));
        assertEquals(
                all.latencies.get(all.latencies.size() - 1),
                overall.get("max_latency_ms").asInt());
        for (JsonNode row : performance.get("by_model")) {
            Independent f = data.figures(groups.get(row.get("model").asText()));
            assertWithinOnePercent(f.percentile(99), row.get("p99_latency_ms"));
            assertEquals(
                    f.latencies.get(f.latencies.size() - 1),
                    row.get("max_latency_ms").asInt());
        }
    }

    private static void checkSlowest(JsonNode rows, List<SampleEvents.Sample> samples) {
        List<String> expected = samples.stream()
                .sorted(Comparator.comparingInt(SampleEvents.Sample::latencyMs)
                        .thenComparing(s -> s.occurredAt().truncatedTo(ChronoUnit.MILLIS))
                        .reversed()
                        .thenComparing(SampleEvents.Sample::requestId))
                .limit(100)
                .map(SampleEvents.Sample::requestId)
                .toList();
        List<String> actual = new ArrayList<>();
        rows.forEach(r -> actual.add(r.get("request_id").asText()));
        assertEquals(expected, actual);
        assertEquals(
                OffsetDateTime.parse(rows.get(0).get("occurred_at").asText()).toInstant(),
                samples.stream()
                        .filter(s -> s.requestId().equals(expected.get(0)))
                        .findFirst()
                        .orElseThrow()
                        .occurredAt());
    }

    private static void checkErrors(JsonNode details, Dataset data, List<SampleEvents.Sample> samples) {
        List<SampleEvents.Sample> errors =
                samples.stream().filter(SampleEvents.Sample::error).toList();
        assertEquals(samples.size(), details.get("total_requests").asLong());
        assertEquals(errors.size(), details.get("failed_requests").asLong());
        assertDecimal(Independent.percent(errors.size(), samples.size()), details.get("error_rate"));
        Map<String, Long> byType =
                errors.stream().collect(Collectors.groupingBy(SampleEvents.Sample::errorType, Collectors.counting()));
        assertEquals(byType.size(), details.get("by_error_type").size());
        for (JsonNode row : details.get("by_error_type")) {
            long n = byType.get(row.get("error_type").asText());
            assertEquals(n, row.get("errors").asLong());
            assertDecimal(Independent.percent(n, errors.size()), row.get("percentage"));
        }
        Map<String, List<SampleEvents.Sample>> byModel =
                samples.stream().collect(Collectors.groupingBy(SampleEvents.Sample::model));
        for (JsonNode row : details.get("by_model")) {
            List<SampleEvents.Sample> model = byModel.get(row.get("model").asText());
            long n = model.stream().filter(SampleEvents.Sample::error).count();
            assertEquals(n, row.get("errors").asLong());
            assertDecimal(Independent.percent(n, model.size()), row.get("error_rate"));
        }
        assertTrue(errors.size() > 100, "more errors than the list holds");
        List<String> newest = errors.stream()
                .sorted(Comparator.comparing((SampleEvents.Sample s) -> s.occurredAt())
                        .thenComparing(SampleEvents.Sample::requestId)
                        .reversed())
                .limit(100)
                .map(SampleEvents.Sample::requestId)
                .toList();
        List<String> actual = new ArrayList<>();
        details.get("recent_errors").forEach(r -> actual.add(r.get("request_id").asText()));
        assertEquals(newest, actual);
        JsonNode first = details.get("recent_errors").get(0);
        assertEquals(500, first.get("http_status").asInt());
        assertNotEquals("", first.get("error_type").asText());
    }

    private static void assertDecimal(BigDecimal expected, JsonNode actual) {
        assertTrue(actual.isNumber(), "a number: " + actual);
        assertEquals(0, expected.compareTo(actual.decimalValue()), expected + " vs " + actual);
    }

    private static void assertWithinOnePercent(Integer exact, JsonNode actual) {
        double value = actual.asDouble();
        assertTrue(Math.abs(value - exact) <= exact * 0.01 + 0.05, "percentile " + value + " vs exact " + exact);
    }

    private static List<String> firstKeys(JsonNode row, int n) {
        List<String> keys = new ArrayList<>();
        row.fieldNames().forEachRemaining(keys::add);
        return keys.subList(0, n);
    }

    private static JsonNode generate(
            Dataset data, String type, Instant start, Instant end, ZoneId zone, String... extraSections)
            throws Exception {
        String sections = extraSections.length == 0 ? "" : ", \"sections\": {" + String.join(",", extraSections) + "}";
        String body = "{\"report_type\": \"" + type + "\", \"start\": \"" + start + "\", \"end\": \"" + end
                + "\", \"timezone\": \"" + zone.getId() + "\", \"team_id\": \"" + data.team + "\"" + sections + "}";
        return JSON.readTree(given().header("Authorization", Tokens.bearer(data.token))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/reports/generate")
                .then()
                .statusCode(200)
                .extract()
                .asString());
    }

    /** A team's events, ingested in two batches (the second late, after the first was rolled up) plus retries. */
    static final class Dataset {
        final String team;
        final String token;
        final List<SampleEvents.Sample> samples;
        final Map<String, BigDecimal> priced = new HashMap<>();

        private Dataset(String team, String token, List<SampleEvents.Sample> samples) {
            this.team = team;
            this.token = token;
            this.samples = samples;
        }

        static Dataset load(long seed, Instant from, Instant to, int count) {
            String org = Tenants.newOrg();
            String team = Tenants.newTeam();
            String key = Tenants.serviceKey(org, "ingest");
            List<SampleEvents.Sample> samples = SampleEvents.between(seed, count, from, to);
            int firstBatch = count * 3 / 4;
            ingest(key, team, samples.subList(0, firstBatch), 0);
            Rollups.foldAll();
            // Late events for buckets already rolled up, and retries of events already counted.
            ingest(key, team, samples.subList(firstBatch, count), 0);
            ingest(key, team, samples.subList(0, 25), 25);
            Rollups.foldAll();
            Dataset data = new Dataset(team, Tokens.user(org, List.of(team), "member"), samples);
            for (Map<String, Object> row :
                    Db.query("select request_id, cost_usd from usage_event where team_id = ?", team)) {
                data.priced.put((String) row.get("request_id"), (BigDecimal) row.get("cost_usd"));
            }
            return data;
        }

        private static void ingest(String key, String team, List<SampleEvents.Sample> samples, int duplicates) {
            given().header("x-api-key", key)
                    .contentType(ContentType.JSON)
                    .body(samples.stream().map(s -> s.json(team)).toList())
                    .post("/v1/usage/events")
                    .then()
                    .statusCode(200)
                    .body("duplicates", org.hamcrest.Matchers.equalTo(duplicates));
        }

        List<SampleEvents.Sample> within(Instant from, Instant to) {
            Predicate<SampleEvents.Sample> in =
                    s -> !s.occurredAt().isBefore(from) && s.occurredAt().isBefore(to);
            return samples.stream().filter(in).toList();
        }

        /** Figures of the samples; the price book's cost only for events sent without one. */
        Independent figures(List<SampleEvents.Sample> of) {
            Map<String, BigDecimal> bookCost = new HashMap<>();
            of.stream()
                    .filter(s -> s.costUsd() == null)
                    .filter(s -> priced.get(s.requestId()) != null)
                    .forEach(s -> bookCost.put(s.requestId(), priced.get(s.requestId())));
            return Independent.of(Objects.requireNonNull(of), bookCost);
        }
    }
}
