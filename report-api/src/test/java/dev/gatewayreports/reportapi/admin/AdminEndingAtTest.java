package dev.gatewayreports.reportapi.admin;

import static dev.gatewayreports.reportapi.support.Events.event;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatewayreports.reportapi.support.Ingest;
import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code starting_at} and {@code ending_at} as the contract states them: buckets from the one holding
 * {@code starting_at} (snapped down to the width, UTC), and only buckets that end at or before {@code ending_at} —
 * an unaligned {@code ending_at} leaves out the bucket it falls in. Every answer is checked against an
 * independent computation over the same events: the expected buckets and their sums worked out here, in Java,
 * from the events as seeded; cost from plain SQL.
 */
@QuarkusTest
class AdminEndingAtTest {
    static final String USAGE = "/v1/organizations/usage_report/messages";
    static final String COST = "/v1/organizations/cost_report";

    /** Around 10:30 and around the day boundaries, with distinct output tokens so that any mix-up shows. */
    static final List<String> TIMES = List.of(
            "2025-05-06T06:59:59Z",
            "2025-05-06T07:00:00Z",
            "2025-05-06T07:30:00Z",
            "2025-05-06T09:15:00Z",
            "2025-05-06T09:59:59.999Z",
            "2025-05-06T10:00:00Z",
            "2025-05-06T10:29:00Z",
            "2025-05-06T10:30:00Z",
            "2025-05-06T10:45:00Z",
            "2025-05-06T23:59:59Z",
            "2025-05-07T00:00:00Z",
            "2025-05-07T10:10:00Z",
            "2025-05-07T23:00:00Z",
            "2025-05-08T00:00:00Z",
            "2025-05-08T10:29:59Z");

    @Test
    void shouldReturnOnlyBucketsEndingByAnUnalignedEndingAt() {
        String org = seeded();
        String key = Tenants.serviceKey(org, "admin");
        for (String[] c : new String[][] {
            {"2025-05-06T07:20:00Z", "2025-05-06T10:30:00Z", "1h", "3600"},
            {"2025-05-06T07:20:00Z", "2025-05-08T10:30:00Z", "1h", "3600"},
            {"2025-05-06T10:10:00Z", "2025-05-06T10:30:00.5Z", "1m", "60"},
            {"2025-05-06T07:20:00Z", "2025-05-08T10:30:00Z", "1d", "86400"},
            {"2025-05-06T10:30:00+02:00", "2025-05-07T10:30:00-01:00", "1d", "86400"},
            {"2025-05-06T10:10:00Z", "2025-05-06T10:30:00Z", "1h", "3600"}, // no whole hour: no bucket
        }) {
            long width = Long.parseLong(c[3]);
            Map<String, Long> expected = expectedOutput(c[0], c[1], width);
            Map<String, Long> actual = new LinkedHashMap<>();
            String page = null;
            do {
                var request = given().header("Authorization", "Bearer " + key)
                        .queryParam("starting_at", c[0])
                        .queryParam("ending_at", c[1])
                        .queryParam("bucket_width", c[2])
                        .queryParam("limit", 7);
                if (page != null) {
                    request.queryParam("page", page);
                }
                JsonPath body =
                        request.get(USAGE).then().statusCode(200).extract().jsonPath();
                List<Map<String, Object>> data = body.getList("data");
                for (Map<String, Object> bucket : data) {
                    long output = 0;
                    for (Object r : (List<?>) bucket.get("results")) {
                        output += ((Number) ((Map<?, ?>) r).get("output_tokens")).longValue();
                    }
                    String start = (String) bucket.get("starting_at");
                    assertEquals(Instant.parse(start).plusSeconds(width).toString(), bucket.get("ending_at"), start);
                    actual.put(start, output);
                }
                page = body.getString("next_page");
            } while (page != null);
            assertEquals(expected, actual, String.join(" ", c));
        }
    }

    @Test
    void shouldReturnOnlyDaysEndingByAnUnalignedEndingAtInTheCostReport() {
        String org = seeded();
        String key = Tenants.serviceKey(org, "admin");
        String startingAt = "2025-05-06T07:20:00Z";
        String endingAt = "2025-05-08T10:30:00Z";
        JsonPath body = given().header("x-api-key", key)
                .queryParam("starting_at", startingAt)
                .queryParam("ending_at", endingAt)
                .get(COST)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, BigDecimal> actual = new LinkedHashMap<>();
        List<Map<String, Object>> data = body.getList("data");
        for (Map<String, Object> bucket : data) {
            BigDecimal cents = BigDecimal.ZERO;
            for (Object r : (List<?>) bucket.get("results")) {
                cents = cents.add(new BigDecimal((String) ((Map<?, ?>) r).get("amount")));
            }
            actual.put((String) bucket.get("starting_at"), cents);
        }
        Map<String, BigDecimal> expected = new LinkedHashMap<>();
        for (Instant day : bucketStarts(startingAt, endingAt, 86_400)) {
            Map<String, Object> sum = Db.one(
                    "select coalesce(sum(cost_usd), 0) as usd from usage_event"
                            + " where org_id = ? and occurred_at >= ? and occurred_at < ?",
                    org,
                    day.atOffset(ZoneOffset.UTC),
                    day.plusSeconds(86_400).atOffset(ZoneOffset.UTC));
            expected.put(day.toString(), ((BigDecimal) sum.get("usd")).movePointRight(2));
        }
        assertEquals(List.of("2025-05-06T00:00:00Z", "2025-05-07T00:00:00Z"), List.copyOf(expected.keySet()));
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((day, cents) -> assertEquals(0, cents.compareTo(actual.get(day)), day));
    }

    private static String seeded() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < TIMES.size(); i++) {
            events.add(event(team)
                    .with("occurred_at", TIMES.get(i))
                    .with("output_tokens", 1L << i)
                    .build());
        }
        Ingest.andFold(Tenants.serviceKey(org, "ingest"), events);
        Ingest.makeDefault(org, team);
        return org;
    }

    /** Output tokens of the seeded events per expected bucket, every expected bucket present. */
    private static Map<String, Long> expectedOutput(String startingAt, String endingAt, long width) {
        Map<String, Long> expected = new LinkedHashMap<>();
        for (Instant start : bucketStarts(startingAt, endingAt, width)) {
            long output = 0;
            for (int i = 0; i < TIMES.size(); i++) {
                Instant t = Instant.parse(TIMES.get(i));
                if (!t.isBefore(start) && t.isBefore(start.plusSeconds(width))) {
                    output += 1L << i;
                }
            }
            expected.put(start.toString(), output);
        }
        return expected;
    }

    /** The contract's buckets: the first holds starting_at; each one ends at or before ending_at. */
    private static List<Instant> bucketStarts(String startingAt, String endingAt, long width) {
        Instant from = OffsetDateTime.parse(startingAt).toInstant();
        Instant to = OffsetDateTime.parse(endingAt).toInstant();
        Instant start = Instant.ofEpochSecond(from.getEpochSecond() - Math.floorMod(from.getEpochSecond(), width));
        List<Instant> starts = new ArrayList<>();
        for (Instant b = start; !b.plusSeconds(width).isAfter(to); b = b.plusSeconds(width)) {
            starts.add(b);
        }
        return starts;
    }
}
