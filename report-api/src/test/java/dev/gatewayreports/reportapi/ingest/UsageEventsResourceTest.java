package dev.gatewayreports.reportapi.ingest;

import static dev.gatewayreports.reportapi.support.Events.event;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatewayreports.reportapi.support.Events;
import dev.gatewayreports.reportapi.support.Rollups;
import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.reportapi.support.Tokens;
import dev.gatewayreports.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UsageEventsResourceTest {
    private String org;
    private String team;
    private String key;

    @BeforeEach
    void tenant() {
        org = Tenants.newOrg();
        team = Tenants.newTeam();
        key = Tenants.serviceKey(org, "ingest");
    }

    private ValidatableResponse post(Object body) {
        return given().header("Authorization", "Bearer " + key)
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/v1/usage/events")
                .then();
    }

    private List<Map<String, Object>> batch(int n) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(event(team).build());
        }
        return events;
    }

    /**
     * Times finer than a microsecond are kept to the microsecond (truncated, as stored), and a fold counts every event
     * of the batch: the batch's recorded bounds are the stored times (a bound rounded up by the server once excluded
     * the batch's earliest event from its fold).
     */
    @Test
    void shouldKeepTimesToTheMicrosecondAndFoldEveryEvent() {
        List<Map<String, Object>> events = List.of(
                event(team)
                        .with("occurred_at", "2026-11-20T10:00:00.123456789Z")
                        .build(),
                event(team)
                        .with("occurred_at", "2026-11-20T10:00:00.123456999Z")
                        .build(),
                event(team)
                        .with("occurred_at", "2026-11-20T12:30:00.000000500+02:00")
                        .build());
        post(events).statusCode(200).body("accepted", equalTo(3));
        assertEquals(
                List.of("2026-11-20 10:00:00.123456+00", "2026-11-20 10:00:00.123456+00", "2026-11-20 10:30:00+00"),
                Db.query(
                                "select occurred_at::text as t from usage_event where org_id = ? and team_id = ?"
                                        + " order by occurred_at",
                                org,
                                team)
                        .stream()
                        .map(r -> r.get("t"))
                        .toList());
        assertEquals(
                Map.of("min", "2026-11-20 10:00:00.123456+00", "max", "2026-11-20 10:30:00+00"),
                Db.one(
                        "select min_occurred_at::text as min, max_occurred_at::text as max from ingest_batch"
                                + " where org_id = ?",
                        org));
        Rollups.foldAll();
        assertEquals(
                3,
                Db.count(
                        "select coalesce(sum(request_count), 0) from rollup_team where org_id = ? and team_id = ?"
                                + " and grain = 86400",
                        org,
                        team));
    }

    @Test
    void shouldStoreBatchAndCountRetryAsDuplicates() {
        List<Map<String, Object>> events = batch(25);
        post(events).statusCode(200).body("accepted", equalTo(25)).body("duplicates", equalTo(0));
        post(events).statusCode(200).body("accepted", equalTo(0)).body("duplicates", equalTo(25));
        assertEquals(25, Db.count("select count(*) from usage_event where team_id = ?", team));
        // The retry's claim counted no new identity: its batch row was rolled back with it.
        assertEquals(1, Db.count("select count(*) from ingest_batch where org_id = ?", org));
    }

    /**
     * A retry that carries new events beside stored ones: the first claim (every identity new) counts fewer than it
     * was given, the transaction is rolled back and done again key by key, and exactly the new events are stored, in
     * one batch row that counts them, with the bounds of their times; a team first seen in the retry is registered.
     */
    @Test
    void shouldStoreOnlyTheNewEventsOfAPartlyStoredRetry() {
        List<Map<String, Object>> stored = batch(10);
        post(stored).statusCode(200).body("accepted", equalTo(10));
        List<Map<String, Object>> retry = new ArrayList<>(stored.subList(0, 4));
        Instant earliest = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String newTeam = Tenants.newTeam();
        for (int i = 0; i < 6; i++) {
            retry.add(event(i == 5 ? newTeam : team)
                    .with("occurred_at", earliest.plusSeconds(60L * i).toString())
                    .build());
        }
        post(retry).statusCode(200).body("accepted", equalTo(6)).body("duplicates", equalTo(4));
        assertEquals(15, Db.count("select count(*) from usage_event where team_id = ?", team));
        assertEquals(15, Db.count("select count(distinct request_id) from usage_event where team_id = ?", team));
        assertEquals(1, Db.count("select count(*) from usage_event where org_id = ? and team_id = ?", org, newTeam));
        assertEquals(1, Db.count("select count(*) from team where org_id = ? and team_id = ?", org, newTeam));
        assertEquals(
                2,
                Db.count("select count(*) from ingest_batch where org_id = ?", org),
                "no batch row of the first claim");
        Map<String, Object> batch = Db.one(
                "select event_count, extract(epoch from min_occurred_at)::bigint as min_at,"
                        + " extract(epoch from max_occurred_at)::bigint as max_at from ingest_batch"
                        + " where org_id = ? and batch_id = (select max(ingest_batch_id) from usage_event"
                        + " where org_id = ? and team_id = ?)",
                org,
                org,
                team);
        assertEquals(6, ((Number) batch.get("event_count")).intValue());
        assertEquals(earliest.getEpochSecond(), ((Number) batch.get("min_at")).longValue());
        assertEquals(earliest.plusSeconds(300).getEpochSecond(), ((Number) batch.get("max_at")).longValue());
    }

    @Test
    void shouldCountRepeatedEventInOneRequestOnce() {
        Map<String, Object> one = event(team).build();
        post(List.of(one, one, one))
                .statusCode(200)
                .body("accepted", equalTo(1))
                .body("duplicates", equalTo(2));
    }

    @Test
    void shouldTreatRetryInAnotherMonthPartitionAsDuplicate() {
        Events first = event(team)
                .with("occurred_at", Instant.now().minus(40, ChronoUnit.DAYS).toString());
        post(List.of(first.build())).statusCode(200).body("accepted", equalTo(1));
        Map<String, Object> retry = first.with(
                        "occurred_at", Instant.now().minus(1, ChronoUnit.HOURS).toString())
                .build();
        post(List.of(retry)).statusCode(200).body("accepted", equalTo(0)).body("duplicates", equalTo(1));
        assertEquals(1, Db.count("select count(*) from usage_event where team_id = ?", team));
    }

    @Test
    void shouldAcceptNdjson() {
        StringBuilder ndjson = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            ndjson.append(toJson(event(team).build())).append('\n');
        }
        ndjson.append("\n{not json\n");
        given().header("x-api-key", key)
                .contentType("application/x-ndjson")
                .body(ndjson.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when()
                .post("/v1/usage/events")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(3))
                .body("rejected[0].index", equalTo(3))
                .body("rejected[0].errors[0].field", equalTo("event"));
        assertEquals(3, Db.count("select count(*) from usage_event where team_id = ?", team));
    }

    @Test
    void shouldStoreValidEventsAndNameEveryProblemOfInvalidOnes() {
        List<Map<String, Object>> events = batch(5);
        events.add(1, event(team).with("occurred_at", "2025-01-08T10:00:00").build());
        events.add(
                3, event(team).with("input_tokens", -5).with("status", "maybe").build());
        events.add(6, event(team).with("status", "error").without("provider").build());
        post(events)
                .statusCode(200)
                .body("accepted", equalTo(5))
                .body("rejected", hasSize(3))
                .body("rejected[0].index", equalTo(1))
                .body("rejected[0].errors[0].field", equalTo("occurred_at"))
                .body("rejected[0].errors[0].message", containsString("RFC 3339"))
                .body("rejected[1].index", equalTo(3))
                .body("rejected[1].errors.field", equalTo(List.of("status", "input_tokens")))
                .body("rejected[2].index", equalTo(6))
                .body("rejected[2].errors.field", equalTo(List.of("provider", "error_type")));
        assertEquals(5, Db.count("select count(*) from usage_event where team_id = ?", team));
    }

    @Test
    void shouldRejectWrongTypesAndOutOfRangeValues() {
        post(List.of(
                        event(team).with("latency_ms", "812").build(),
                        event(team).with("latency_ms", 81.5).build(),
                        event(team).with("credits", new BigDecimal("1.1234567")).build(),
                        event(team).with("service_tier", "gold").build(),
                        event(team).with("request_id", "x".repeat(129)).build(),
                        event(team)
                                .with(
                                        "occurred_at",
                                        Instant.now().plus(3, ChronoUnit.DAYS).toString())
                                .build(),
                        event(team).with("user_id", "nul\u0000inside").build(),
                        "not an object"))
                .statusCode(200)
                .body("accepted", equalTo(0))
                .body(
                        "rejected.errors.field.flatten()",
                        equalTo(List.of(
                                "latency_ms",
                                "latency_ms",
                                "credits",
                                "service_tier",
                                "request_id",
                                "occurred_at",
                                "user_id",
                                "event")));
    }

    @Test
    void shouldRejectBadCodeExecutionHoursNamingTheField() {
        post(List.of(
                        event(team).with("code_execution_hours", -1).build(),
                        event(team).with("code_execution_hours", "-0.5").build(),
                        event(team).with("code_execution_hours", "two hours").build(),
                        event(team).with("code_execution_hours", "1e3").build(),
                        event(team)
                                .with("code_execution_hours", new BigDecimal("0.1234567"))
                                .build(),
                        event(team).with("code_execution_hours", "0.1234567").build(),
                        event(team).with("code_execution_hours", true).build(),
                        event(team).with("code_execution_hours", List.of(1)).build(),
                        event(team)
                                .with("code_execution_hours", "1" + "0".repeat(19))
                                .build(),
                        event(team).with("code_execution_hours", "0.25").build()))
                .statusCode(200)
                .body("accepted", equalTo(1))
                .body("rejected.index", equalTo(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8)))
                .body("rejected.errors.field.flatten()", everyItem(equalTo("code_execution_hours")))
                .body("rejected[0].errors[0].message", equalTo("must not be negative"))
                .body("rejected[4].errors[0].message", equalTo("must have at most 6 decimal places"));
        assertEquals(0, new BigDecimal("0.25").compareTo((BigDecimal)
                        Db.query("select code_execution_hours from usage_event where team_id = ?", team)
                                .get(0)
                                .get("code_execution_hours")));
    }

    @Test
    void shouldStoreEveryFieldAsSent() {
        Map<String, Object> e = event(team)
                .with("occurred_at", "2025-03-09T01:30:00.123-05:00")
                .with("api_key_id", "apikey_1")
                .with("user_id", "u1")
                .with("run_id", "r1")
                .with("op_name", "messages.create")
                .with("trace_id", "t1")
                .with("parent_id", "p1")
                .with("thread_id", "th1")
                .with("turn_id", "tu1")
                .with("input_refs", List.of("ref:a", "with \"quote\", comma\\slash"))
                .with("output_refs", List.of())
                .with("service_tier", "batch")
                .with("context_window", "200k-1M")
                .with("inference_geo", "us")
                .with("http_status", 429)
                .with("status", "error")
                .with("error_type", "rate_limit")
                .with("error_message", "slow down\ttab\nnewline")
                .with("cache_read_input_tokens", 50)
                .with("cache_creation_5m_input_tokens", 7)
                .with("cache_creation_1h_input_tokens", 3)
                .with("web_search_requests", 2)
                .with("code_execution_hours", "0.083333")
                .with("credits", new BigDecimal("12.345678"))
                .build();
        post(List.of(e)).statusCode(200).body("accepted", equalTo(1));
        Map<String, Object> row = Db.query(
                        "select *, occurred_at = '2025-03-09T06:30:00.123Z'::timestamptz as same_instant,"
                                + " array_to_string(input_refs, '|') as refs, cardinality(output_refs) as outs"
                                + " from usage_event where team_id = ?",
                        team)
                .get(0);
        assertEquals(true, row.get("same_instant"));
        assertEquals("ref:a|with \"quote\", comma\\slash", row.get("refs"));
        assertEquals(0, row.get("outs"));
        assertEquals("slow down\ttab\nnewline", row.get("error_message"));
        assertEquals("rate_limit", row.get("error_type"));
        assertEquals("batch", row.get("service_tier"));
        assertEquals("200k-1M", row.get("context_window"));
        assertEquals(429, row.get("http_status"));
        assertEquals(new BigDecimal("12.345678"), row.get("credits"));
        assertEquals(org, row.get("org_id"));
        assertEquals(2L, row.get("web_search_requests"));
        assertEquals(new BigDecimal("0.083333"), row.get("code_execution_hours"));
    }

    @Test
    void shouldAnswer413ForTooManyEventsAndStoreNothing() {
        List<Map<String, Object>> events = batch(10_001);
        post(events).statusCode(413).body("error.field", equalTo("body"));
        assertEquals(0, Db.count("select count(*) from usage_event where team_id = ?", team));
    }

    @Test
    void shouldAnswer413ForBodyOverTenMebibytes() {
        String padding = "x".repeat(2_000);
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 5_300; i++) {
            events.add(event(team).with("error_message", padding).build());
        }
        post(events).statusCode(413).body("error.code", equalTo("payload_too_large"));
    }

    @Test
    void shouldAnswer400ForBrokenJsonArray() {
        post("[{\"request_id\": \"a\"},").statusCode(400).body("error.field", equalTo("body"));
        post("{\"request_id\": \"a\"}").statusCode(400).body("error.message", containsString("JSON array"));
    }

    @Test
    void shouldAcceptEmptyArray() {
        post(List.of()).statusCode(200).body("accepted", equalTo(0)).body("rejected", empty());
    }

    static String toJson(Object value) {
        try {
            return EventBody.JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldNotLetMemberWrite() {
        given().header("Authorization", Tokens.bearer(Tokens.user(org, List.of(team), "member")))
                .contentType(ContentType.JSON)
                .body(batch(1))
                .when()
                .post("/v1/usage/events")
                .then()
                .statusCode(403);
    }
}
