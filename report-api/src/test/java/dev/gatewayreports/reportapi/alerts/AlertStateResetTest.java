package dev.gatewayreports.reportapi.alerts;

import static dev.gatewayreports.reportapi.alerts.AlertCalls.created;
import static dev.gatewayreports.reportapi.alerts.AlertCalls.put;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.reportapi.support.Tokens;
import dev.gatewayreports.testing.Db;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A PUT starts the evaluation again (state ok, no state_since or last value, due now) exactly when it changes what
 * is evaluated: kind, measure, window, comparison, threshold or team; any other change keeps the state.
 */
@QuarkusTest
class AlertStateResetTest {
    private static final Instant NOW = Instant.parse("2026-12-02T10:15:30Z");
    private static final Instant FIRING_SINCE = Instant.parse("2026-12-02T09:00:00Z");
    private static final Instant NEXT_EVAL = Instant.parse("2026-12-02T10:16:00Z");

    @ParameterizedTest(name = "{0} = {1} → reset {2}")
    @CsvSource(delimiter = '|', textBlock = """
            kind               | budget              | true
            measure            | credits             | true
            window             | last_hour           | true
            comparison         | gte                 | true
            threshold          | 100.000000000001    | true
            team_id            | <second team>       | true
            threshold          | 100.000             | false
            name               | Renamed             | false
            timezone           | Asia/Kolkata        | false
            hysteresis_percent | 25                  | false
            for_minutes        | 30                  | false
            recipients         | <two>               | false
            webhook_url        | https://h.example/x | false
            enabled            | <false>             | false
            """)
    void shouldResetTheStateOnlyWhenTheEvaluatedConditionChanges(String field, String value, boolean reset) {
        QuarkusMock.installMockForType(Clock.fixed(NOW, ZoneOffset.UTC), Clock.class);
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String second = Tenants.newTeam();
        String admin = Tokens.user(org, List.of(team, second), "team_admin");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Spend this month");
        body.put("team_id", team);
        body.put("measure", "cost_usd");
        body.put("window", "month_to_date");
        body.put("comparison", "gt");
        body.put("threshold", 100);
        String id = created(admin, body);
        Db.execute("""
                update alert_rule set state = 'firing', state_since = ?, last_value = 123.4, next_eval_at = ?,
                       episode = 3, locked_until = ?
                 where alert_id = ?""", FIRING_SINCE, NEXT_EVAL, NEXT_EVAL, id);

        body.put(
                field,
                switch (value) {
                    case "<second team>" -> second;
                    case "<two>" -> List.of("a@example.com", "b@example.com");
                    case "<false>" -> false;
                    case "30" -> 30;
                    default -> value;
                });
        var answer = put(admin, id, body).statusCode(200).body("updated_at", equalTo(NOW.toString()));
        Map<String, Object> row = Db.one(
                "select state, state_since, last_value::text v, next_eval_at, episode, locked_until from alert_rule"
                        + " where alert_id = ?",
                id);
        if (reset) {
            answer.body("state", equalTo("ok")).body("state_since", nullValue()).body("last_value", nullValue());
            assertEquals("ok", row.get("state"));
            assertNull(row.get("state_since"));
            assertNull(row.get("v"));
            assertEquals(NOW, ((Timestamp) row.get("next_eval_at")).toInstant());
        } else {
            answer.body("state", equalTo("firing"))
                    .body("state_since", equalTo(FIRING_SINCE.toString()))
                    .body("last_value", equalTo("123.4"));
            assertEquals("firing", row.get("state"));
            assertEquals(FIRING_SINCE, ((Timestamp) row.get("state_since")).toInstant());
            assertEquals(NEXT_EVAL, ((Timestamp) row.get("next_eval_at")).toInstant());
        }
        // An evaluation in flight (a scheduler's lease) was made for the old rule: its guarded write must fail.
        assertNull(row.get("locked_until"), "every update ends the evaluation lease");
        // The episode counter only ever grows: a new firing after a reset is a new episode, never a repeated key.
        assertEquals(3, ((Number) row.get("episode")).intValue());
    }
}
