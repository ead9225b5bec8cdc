package dev.gatewayreports.reportapi.schedules;

import static dev.gatewayreports.reportapi.schedules.ScheduleCalls.fixClock;
import static dev.gatewayreports.reportapi.schedules.ScheduleCalls.preferences;
import static dev.gatewayreports.reportapi.schedules.ScheduleCalls.save;
import static dev.gatewayreports.reportapi.schedules.ScheduleCalls.team;
import static dev.gatewayreports.reportapi.schedules.ScheduleCalls.weekly;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatewayreports.model.secrets.SecretBox;
import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.reportapi.support.Tokens;
import dev.gatewayreports.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Schedules with a webhook: the URL's rules (400 naming webhook_url), at least one channel (400 naming recipients),
 * the signing secret sealed for the schedule and shown once, its rotation, the audit, and other organizations.
 */
@QuarkusTest
class ScheduleWebhookTest {
    static final String HOOK = "https://hooks.example.com/reports?token=abc";

    @Test
    void shouldSealTheSecretForTheScheduleShowItOnceAndKeepItAcrossSaves() {
        fixClock("2026-06-01T00:00:00Z");
        String org = Tenants.newOrg();
        String team = team(org, Tenants.newTeam());
        String admin = Tokens.user(org, List.of(team), "team_admin");
        Map<String, Object> body = weekly(team);
        body.put("recipients", List.of());
        body.put("webhook_url", HOOK);

        var created = save(admin, body)
                .statusCode(200)
                .body("webhook_url", equalTo(HOOK))
                .body("has_webhook_secret", equalTo(true))
                .body("recipients", equalTo(List.of()))
                .body("webhook_secret", matchesPattern("whsec_[A-Za-z0-9_-]{20,}"))
                .extract();
        String id = created.path("schedule_id");
        String secret = created.path("webhook_secret");
        assertEquals(secret, box().open(id, sealed(id)), "sealed with the schedule id as associated data");
        assertThrows(IllegalArgumentException.class, () -> box().open("sch_other", sealed(id)));

        // A second save (another URL, a recipient added) keeps the secret and does not show it.
        body.put("webhook_url", "https://hooks.example.com/other");
        body.put("recipients", List.of("ops@example.com"));
        save(admin, body)
                .statusCode(200)
                .body("schedule_id", equalTo(id))
                .body("has_webhook_secret", equalTo(true))
                .body("$", not(hasKey("webhook_secret")));
        assertEquals(secret, box().open(id, sealed(id)));
        preferences(admin, team)
                .statusCode(200)
                .body("schedules[0].webhook_url", equalTo("https://hooks.example.com/other"))
                .body("schedules[0].has_webhook_secret", equalTo(true))
                .body("schedules[0]", not(hasKey("webhook_secret")));

        // Without the webhook the secret goes; setting one again makes a new one.
        body.remove("webhook_url");
        save(admin, body).statusCode(200).body("webhook_url", nullValue()).body("has_webhook_secret", equalTo(false));
        assertEquals(
                null,
                Db.one("select webhook_secret_enc from report_schedule where schedule_id = ?", id)
                        .get("webhook_secret_enc"));
        body.put("webhook_url", HOOK);
        String again = save(admin, body).statusCode(200).extract().path("webhook_secret");
        assertNotEquals(secret, again);
        assertEquals(again, box().open(id, sealed(id)));
    }

    @Test
    void shouldListTheNewestDeliveryOfEachChannelWithTheReceiversStatus() {
        fixClock("2026-06-01T00:00:00Z");
        String org = Tenants.newOrg();
        String team = team(org, Tenants.newTeam());
        String admin = Tokens.user(org, List.of(team), "team_admin");
        Map<String, Object> body = weekly(team);
        body.put("webhook_url", HOOK);
        String id = save(admin, body).statusCode(200).extract().path("schedule_id");
        preferences(admin, team)
                .statusCode(200)
                .body("schedules[0].last_delivery", nullValue())
                .body("schedules[0].last_deliveries", equalTo(List.of()));
        // Two slots: the first by both channels; the second's mail made last, its webhook (failed, 502) before it.
        delivery(org, team, id, "email", "2026-05-18T00:00:00Z", "sent", null, "2026-05-18T00:00:00Z");
        delivery(org, team, id, "webhook", "2026-05-18T00:00:00Z", "sent", 200, "2026-05-18T00:00:01Z");
        delivery(org, team, id, "webhook", "2026-05-25T00:00:00Z", "failed", 502, "2026-05-25T00:00:00Z");
        delivery(org, team, id, "email", "2026-05-25T00:00:00Z", "sent", null, "2026-05-25T00:00:01Z");

        preferences(Tokens.user(org, List.of(team), "member"), team)
                .statusCode(200)
                .body("schedules[0].last_delivery.channel", equalTo("email"))
                .body("schedules[0].last_delivery.scheduled_for", equalTo("2026-05-25T00:00:00Z"))
                .body("schedules[0].last_deliveries.channel", equalTo(List.of("email", "webhook")))
                .body("schedules[0].last_deliveries.status", equalTo(List.of("sent", "failed")))
                .body("schedules[0].last_deliveries.response_status", equalTo(java.util.Arrays.asList(null, 502)))
                .body(
                        "schedules[0].last_deliveries.scheduled_for",
                        equalTo(List.of("2026-05-25T00:00:00Z", "2026-05-25T00:00:00Z")));
    }

    private static void delivery(
            String org,
            String team,
            String scheduleId,
            String channel,
            String slot,
            String status,
            Integer response,
            String created) {
        boolean mail = channel.equals("email");
        Db.execute(
                """
                insert into report_delivery (delivery_id, org_id, team_id, schedule_id, scheduled_for, report_type,
                    timezone, period_start, period_end, format, recipients, status, attempts, next_attempt_at,
                    created_at, channel, webhook_url, response_status)
                values (?, ?, ?, ?, ?::timestamptz, 'usage', 'UTC', ?::timestamptz - interval '7 days',
                    ?::timestamptz, 'csv', ?::text[], ?, 1, ?::timestamptz, ?::timestamptz, ?, ?, ?)""",
                "dlv_" + java.util.UUID.randomUUID().toString().replace("-", ""),
                org,
                team,
                scheduleId,
                slot,
                slot,
                slot,
                mail ? "{ops@example.com}" : "{}",
                status,
                slot,
                created,
                channel,
                mail ? null : HOOK,
                response);
    }

    @Test
    void shouldRotateTheSecretOnceShownAndAuditWithoutIt() {
        fixClock("2026-06-01T00:00:00Z");
        String org = Tenants.newOrg();
        String team = team(org, Tenants.newTeam());
        String admin = Tokens.user(org, List.of(team), "team_admin");
        Map<String, Object> body = weekly(team);
        body.put("webhook_url", HOOK);
        var created = save(admin, body).statusCode(200).extract();
        String id = created.path("schedule_id");
        String first = created.path("webhook_secret");

        String second = rotate(admin, "usage", team)
                .statusCode(200)
                .body("webhook_secret", matchesPattern("whsec_[A-Za-z0-9_-]{20,}"))
                .extract()
                .path("webhook_secret");
        assertNotEquals(first, second);
        assertEquals(second, box().open(id, sealed(id)));

        List<Map<String, Object>> rows =
                Db.query("select action, details::text d from audit_event where target_id = ? order by event_id", id);
        assertEquals(
                List.of("schedule.created", "schedule.webhook_secret_rotated"),
                rows.stream().map(r -> r.get("action")).toList());
        assertEquals(true, ((String) rows.get(0).get("d")).contains("\"webhook_host\": \"hooks.example.com\""));
        for (Map<String, Object> row : rows) {
            String details = (String) row.get("d");
            for (String forbidden : List.of(first, second, "whsec_", "token=abc", "/reports")) {
                assertFalse(details.contains(forbidden), details);
            }
        }
    }

    @Test
    void shouldAnswer409WithoutAWebhook404ForAnotherOrganizationAnd403ToAMember() {
        fixClock("2026-06-01T00:00:00Z");
        String org = Tenants.newOrg();
        String team = team(org, Tenants.newTeam());
        String admin = Tokens.user(org, List.of(team), "team_admin");
        save(admin, weekly(team)).statusCode(200).body("has_webhook_secret", equalTo(false));

        rotate(admin, "usage", team).statusCode(409).body("error.field", equalTo("webhook_url"));
        rotate(admin, "cost", team).statusCode(404);
        String other = Tenants.newOrg();
        rotate(Tokens.user(other, List.of(team), "team_admin"), "usage", team).statusCode(404);
        rotate(Tokens.user(org, List.of(team), "member"), "usage", team).statusCode(403);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ftp://hooks.example.com/x           | webhook_url must be an absolute http or https URL
            /relative/path                      | webhook_url must be an absolute http or https URL
            https://user:pw@hooks.example.com/x | webhook_url must not carry a user name or password
            https:///no-host                    | webhook_url must name a host
            https://exa mple.com/               | webhook_url must be an absolute http or https URL
            """)
    void shouldRefuseABadWebhookUrlNamingTheField(String url, String message) {
        String org = Tenants.newOrg();
        String team = team(org, Tenants.newTeam());
        Map<String, Object> body = weekly(team);
        body.put("webhook_url", url);
        save(Tokens.user(org, List.of(team), "team_admin"), body)
                .statusCode(400)
                .body("error.field", equalTo("webhook_url"))
                .body("error.message", equalTo(message));
    }

    @Test
    void shouldRequireRecipientsOrAWebhook() {
        String org = Tenants.newOrg();
        String team = team(org, Tenants.newTeam());
        String admin = Tokens.user(org, List.of(team), "team_admin");
        Map<String, Object> body = weekly(team);
        body.remove("recipients");
        save(admin, body)
                .statusCode(400)
                .body("error.field", equalTo("recipients"))
                .body("error.message", equalTo("recipients is required: 1 to 50 addresses, or a webhook_url"));
        body.put("recipients", List.of());
        save(admin, body).statusCode(400).body("error.field", equalTo("recipients"));
        // With a webhook, recipients given are still checked.
        body.put("webhook_url", HOOK);
        body.put("recipients", List.of("not an address"));
        save(admin, body).statusCode(400).body("error.field", equalTo("recipients"));
    }

    @Test
    void shouldAcceptOnlyHttpsWhereHttpIsNotAllowed() {
        assertEquals(null, WebhookUrl.Validator.problem("https://hooks.example.com/x", false));
        assertEquals(
                "webhook_url must be an absolute https URL",
                WebhookUrl.Validator.problem("http://hooks.example.com/x", false));
        assertEquals(null, WebhookUrl.Validator.problem("http://127.0.0.1:19201/x", true));
        assertEquals(
                "webhook_url must be at most 2000 characters",
                WebhookUrl.Validator.problem("https://h.example.com/" + "a".repeat(2000), false));
    }

    static ValidatableResponse rotate(String token, String type, String teamId) {
        return given().header("Authorization", Tokens.bearer(token))
                .queryParam("team_id", teamId)
                .post("/v1/reports/schedule/" + type + "/webhook-secret")
                .then();
    }

    private static String sealed(String scheduleId) {
        return (String) Db.one("select webhook_secret_enc from report_schedule where schedule_id = ?", scheduleId)
                .get("webhook_secret_enc");
    }

    private static SecretBox box() {
        return SecretBox.fromBase64(ConfigProvider.getConfig().getValue("reports.secrets.key", String.class));
    }
}
