package dev.gatewayreports.reportapi.alerts;

import static dev.gatewayreports.reportapi.alerts.AlertCalls.created;
import static dev.gatewayreports.reportapi.alerts.AlertCalls.page;
import static dev.gatewayreports.reportapi.alerts.AlertCalls.rule;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.reportapi.support.Tokens;
import dev.gatewayreports.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A rule's events and deliveries (rows the scheduler writes, inserted here with SQL): newest first, in pages that
 * together hold every row once, in the order an independent sort gives, whatever the page size; ties on the instant
 * are broken by id.
 */
@QuarkusTest
class AlertHistoryTest {
    private static final Instant BASE = Instant.parse("2026-11-01T00:00:00Z");

    record Row(String id, Instant at) {}

    @ParameterizedTest(name = "limit {0}")
    @ValueSource(ints = {1, 7, 20, 100})
    void shouldPageEventsNewestFirst(int limit) {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String member = Tokens.user(org, List.of(team), "member");
        String id = created(Tokens.user(org, List.of(team), "team_admin"), rule(team));
        String other = created(Tokens.user(org, List.of(team), "team_admin"), rule(team));
        List<Row> events = insertEvents(org, team, id, 45, new Random(limit));
        insertEvents(org, team, other, 5, new Random(99)); // another rule's: never on this rule's pages

        List<String> expected = events.stream()
                .sorted(Comparator.comparing(Row::at).thenComparing(Row::id).reversed())
                .map(Row::id)
                .toList();
        assertEquals(expected, walk(member, id, "events", "event_id", limit));
    }

    @Test
    void shouldAnswerEventFieldsAsTheContractSays() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String admin = Tokens.user(org, List.of(team), "team_admin");
        String id = created(admin, rule(team));
        String eventId = "ale_" + hex(null);
        Db.execute(
                """
                insert into alert_event (event_id, alert_id, org_id, team_id, kind, episode_key, value, threshold,
                                         forecast, window_start, window_end, occurred_at)
                values (?, ?, ?, ?, 'forecast', '2026-11', 120.5, 250.50, 301.000000000001, ?, ?, ?)""",
                eventId,
                id,
                org,
                team,
                Instant.parse("2026-11-01T04:00:00Z"),
                Instant.parse("2026-11-12T10:00:00Z"),
                Instant.parse("2026-11-12T10:00:01.123456Z"));
        page(admin, id, "events", Map.of())
                .statusCode(200)
                .body("has_more", equalTo(false))
                .body("next_cursor", nullValue())
                .body("data[0].event_id", equalTo(eventId))
                .body("data[0].alert_id", equalTo(id))
                .body("data[0].kind", equalTo("forecast"))
                .body("data[0].episode_key", equalTo("2026-11"))
                .body("data[0].value", equalTo("120.5"))
                .body("data[0].threshold", equalTo("250.5"))
                .body("data[0].forecast", equalTo("301.000000000001"))
                .body("data[0].window_start", equalTo("2026-11-01T04:00:00Z"))
                .body("data[0].window_end", equalTo("2026-11-12T10:00:00Z"))
                .body("data[0].occurred_at", equalTo("2026-11-12T10:00:01.123456Z"));
    }

    @Test
    void shouldPageDeliveriesNewestFirstWithTheirOutcome() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String member = Tokens.user(org, List.of(team), "member");
        String id = created(Tokens.user(org, List.of(team), "team_admin"), rule(team));
        List<Row> events = insertEvents(org, team, id, 3, new Random(1));
        Random random = new Random(2);
        List<Row> notifications = new ArrayList<>();
        for (int i = 0; i < 33; i++) {
            String nid = "aln_" + hex(random);
            Instant at = BASE.plusSeconds(random.nextInt(6) * 60L);
            boolean webhook = i % 3 == 0;
            Db.execute(
                    """
                    insert into alert_notification (notification_id, event_id, alert_id, org_id, channel, target,
                                                    status, attempts, response_status, last_error, created_at, sent_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    nid,
                    events.get(i % 3).id(),
                    id,
                    org,
                    webhook ? "webhook" : "email",
                    webhook ? "https://hooks.example.com/" + i : "r" + i + "@example.com",
                    webhook ? "failed" : "sent",
                    webhook ? 4 : 1,
                    webhook ? 503 : null,
                    webhook ? "HTTP 503" : null,
                    at,
                    webhook ? null : at.plusSeconds(2));
            notifications.add(new Row(nid, at));
        }
        List<String> expected = notifications.stream()
                .sorted(Comparator.comparing(Row::at).thenComparing(Row::id).reversed())
                .map(Row::id)
                .toList();
        assertEquals(expected, walk(member, id, "deliveries", "notification_id", 10));

        JsonPath first = page(member, id, "deliveries", Map.of("limit", 100))
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Object> webhook = first.getList("data", Map.class).stream()
                .filter(d -> "webhook".equals(d.get("channel")))
                .findFirst()
                .orElseThrow();
        assertEquals("failed", webhook.get("status"));
        assertEquals(4, webhook.get("attempts"));
        assertEquals(503, webhook.get("response_status"));
        assertEquals("HTTP 503", webhook.get("last_error"));
        assertTrue(webhook.containsKey("sent_at"));
    }

    @Test
    void shouldRefuseBadLimitsAndCursors() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String admin = Tokens.user(org, List.of(team), "team_admin");
        String id = created(admin, rule(team));
        insertEvents(org, team, id, 3, new Random(3));
        for (String what : List.of("events", "deliveries")) {
            for (String limit : List.of("0", "101", "x", "-1", "1.5")) {
                page(admin, id, what, Map.of("limit", limit)).statusCode(400).body("error.field", equalTo("limit"));
            }
            for (String cursor : List.of("x", "!!!", "MjAyNi0xMS0wMVQwMDowMDowMFp8eA", "bm90IGEgY3Vyc29y")) {
                page(admin, id, what, Map.of("cursor", cursor)).statusCode(400).body("error.field", equalTo("cursor"));
            }
        }
        // An events cursor is not a deliveries cursor.
        String eventsCursor = page(admin, id, "events", Map.of("limit", 1))
                .statusCode(200)
                .body("has_more", equalTo(true))
                .extract()
                .path("next_cursor");
        page(admin, id, "deliveries", Map.of("cursor", eventsCursor))
                .statusCode(400)
                .body("error.field", equalTo("cursor"));
    }

    /** Every id of every page, following next_cursor until has_more is false. */
    private static List<String> walk(String token, String alertId, String what, String idField, int limit) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < 200; pages++) {
            Map<String, Object> query = new HashMap<>();
            query.put("limit", limit);
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            JsonPath answer =
                    page(token, alertId, what, query).statusCode(200).extract().jsonPath();
            List<String> pageIds = answer.getList("data." + idField, String.class);
            assertTrue(pageIds.size() <= limit);
            ids.addAll(pageIds);
            if (!answer.getBoolean("has_more")) {
                assertEquals(null, answer.getString("next_cursor"));
                return ids;
            }
            assertEquals(limit, pageIds.size());
            cursor = answer.getString("next_cursor");
            assertFalse(cursor == null || cursor.isEmpty());
        }
        throw new AssertionError("more than 200 pages");
    }

    /** {@code n} events at few distinct instants (so many tie), as the evaluator would write them. */
    static List<Row> insertEvents(String org, String team, String alertId, int n, Random random) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "ale_" + hex(random);
            Instant at = BASE.plusSeconds(random.nextInt(8) * 3600L);
            Db.execute(
                    """
                    insert into alert_event (event_id, alert_id, org_id, team_id, kind, episode_key, value, threshold,
                                             window_start, window_end, occurred_at)
                    values (?, ?, ?, ?, ?, ?, ?, 250.5, ?, ?, ?)""",
                    id,
                    alertId,
                    org,
                    team,
                    i % 2 == 0 ? "fired" : "resolved",
                    "e" + i,
                    new java.math.BigDecimal(random.nextInt(100000)).movePointLeft(2),
                    at.minusSeconds(86400),
                    at,
                    at);
            rows.add(new Row(id, at));
        }
        return rows;
    }

    /** A fresh id body: the test database outlives a run, so ids never repeat between runs. */
    private static String hex(Random unused) {
        return java.util.UUID.randomUUID().toString().replace("-", "");
    }
}
