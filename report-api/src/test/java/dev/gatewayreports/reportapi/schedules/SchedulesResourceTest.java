package dev.gatewayreports.reportapi.schedules;

import static dev.gatewayreports.reportapi.schedules.ScheduleCalls.delete;
import static dev.gatewayreports.reportapi.schedules.ScheduleCalls.fixClock;
import static dev.gatewayreports.reportapi.schedules.ScheduleCalls.preferences;
import static dev.gatewayreports.reportapi.schedules.ScheduleCalls.save;
import static dev.gatewayreports.reportapi.schedules.ScheduleCalls.team;
import static dev.gatewayreports.reportapi.schedules.ScheduleCalls.weekly;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.reportapi.support.Tokens;
import dev.gatewayreports.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Creating, replacing, listing and deleting schedules: next runs in the schedule's zone, and who may do what. */
@QuarkusTest
class SchedulesResourceTest {

    @ParameterizedTest(name = "{0} {1} {2} day {3} at {4} → {5}")
    @CsvSource(delimiter = '|', textBlock = """
            # zone           | frequency | time  | day | now (fixed clock)    | expected next_run_at
            # Saturday 10:00 EST; Sunday 8 March is the first day of EDT (UTC-4).
            America/New_York | daily     | 09:00 |     | 2026-03-07T15:00:00Z | 2026-03-08T13:00:00Z
            # Sunday 15 February; February has no 31st: its last day, 23:30 EST, is 04:30 UTC on 1 March.
            America/New_York | monthly   | 23:30 | 31  | 2026-02-15T12:00:00Z | 2026-03-01T04:30:00Z
            # Wednesday 25 March CET; Sunday (0) 29 March is the first day of CEST (UTC+2).
            Europe/Berlin    | weekly    | 08:00 | 0   | 2026-03-25T12:00:00Z | 2026-03-29T06:00:00Z
            # April has 30 days: day 31 runs on 30 April, 06:30 CEST.
            Europe/Berlin    | monthly   | 06:30 | 31  | 2026-04-10T00:00:00Z | 2026-04-30T04:30:00Z
            # Already past today's 09:00 in Berlin (10:00 CET): tomorrow.
            Europe/Berlin    | daily     | 09:00 |     | 2026-01-05T09:00:00Z | 2026-01-06T08:00:00Z
            """)
    void shouldComputeNextRunInTheScheduleZone(
            String zone, String frequency, String time, Integer day, String now, String expected) {
        fixClock(now);
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        Map<String, Object> body = weekly(team);
        body.put("timezone", zone);
        body.put("frequency", frequency);
        body.put("schedule_time", time);
        body.put("schedule_day", day);
        save(Tokens.user(org, List.of(team), "team_admin"), body)
                .statusCode(200)
                .body("next_run_at", equalTo(expected))
                .body("created_at", equalTo(now))
                .body("updated_at", equalTo(now))
                .body("timezone", equalTo(zone))
                .body("schedule_day", equalTo(day));
    }

    @Test
    void shouldAnswerTheScheduleWithDefaultsAndResolvedSections() {
        fixClock("2026-06-01T00:00:00Z");
        String org = Tenants.newOrg();
        String team = team(org, Tenants.newTeam());
        Map<String, Object> body = Map.of(
                "report_type",
                "performance",
                "frequency",
                "daily",
                "schedule_time",
                "07:15",
                "schedule_day",
                3,
                "recipients",
                List.of("a@example.com", "B@example.com", "A@Example.com", "b@example.com"),
                "team_id",
                team,
                "sections",
                Map.of("by_api_key", true, "by_provider", false));
        save(Tokens.orgAdmin(org), body)
                .statusCode(200)
                .body("schedule_id", startsWith("sch_"))
                .body("team_id", equalTo(team))
                .body("report_type", equalTo("performance"))
                .body("frequency", equalTo("daily"))
                .body("schedule_time", equalTo("07:15"))
                .body("schedule_day", nullValue())
                .body("timezone", equalTo("UTC"))
                .body("days", equalTo(1))
                .body("format", equalTo("none"))
                .body("recipients", equalTo(List.of("a@example.com", "B@example.com")))
                .body("next_run_at", equalTo("2026-06-01T07:15:00Z"))
                .body(
                        "sections",
                        equalTo(Map.of(
                                "summary", true,
                                "daily_trend", true,
                                "hourly_trend", false,
                                "by_provider", false,
                                "by_model", true,
                                "by_api_key", true,
                                "performance", true,
                                "slow_requests", true,
                                "error_details", false)));
        Map<String, Object> row = Db.query(
                        "select created_by, schedule_day, recipients::text r from report_schedule where team_id = ?",
                        team)
                .get(0);
        assertEquals("someone@" + org + ".example", row.get("created_by"));
        assertEquals(null, row.get("schedule_day"));
        assertEquals("{a@example.com,B@example.com}", row.get("r"));
    }

    @ParameterizedTest(name = "zoneinfo {0}, timezone {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # zoneinfo claim  | timezone in the body | the schedule's zone
            America/Chicago   |                      | America/Chicago
            America/Chicago   | Asia/Seoul           | Asia/Seoul
            Mars/Olympus      |                      | UTC
                              |                      | UTC
            """)
    void shouldTakeTheCallersZoneinfoWhenTheScheduleNamesNoTimezone(String zoneinfo, String timezone, String zone) {
        fixClock("2026-06-01T00:00:00Z");
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        var jwt =
                Tokens.base().claim("org_id", org).claim("teams", List.of(team)).claim("roles", List.of("team_admin"));
        String admin =
                zoneinfo == null ? jwt.sign() : jwt.claim("zoneinfo", zoneinfo).sign();
        Map<String, Object> body = weekly(team);
        body.remove("timezone");
        if (timezone != null) {
            body.put("timezone", timezone);
        }
        save(admin, body).statusCode(200).body("timezone", equalTo(zone));
    }

    @Test
    void shouldDefaultDaysByFrequency() {
        fixClock("2026-06-01T00:00:00Z");
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String admin = Tokens.user(org, List.of(team), "team_admin");
        Map<String, Object> body = weekly(team);
        save(admin, body).statusCode(200).body("days", equalTo(7));
        body.put("report_type", "cost");
        body.put("frequency", "monthly");
        save(admin, body).statusCode(200).body("days", equalTo(30));
        body.put("days", 90);
        save(admin, body).statusCode(200).body("days", equalTo(90));
    }

    @Test
    void shouldReplaceTheScheduleKeepingItsId() {
        fixClock("2026-06-01T00:00:00Z");
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String admin = Tokens.user(org, List.of(team), "team_admin");
        String id = save(admin, weekly(team)).statusCode(200).extract().path("schedule_id");
        fixClock("2026-06-02T10:00:00Z");
        Map<String, Object> body = weekly(team);
        body.put("frequency", "daily");
        body.put("schedule_time", "18:00");
        body.put("timezone", "UTC");
        body.put("recipients", List.of("other@example.com"));
        save(admin, body)
                .statusCode(200)
                .body("schedule_id", equalTo(id))
                .body("frequency", equalTo("daily"))
                .body("recipients", equalTo(List.of("other@example.com")))
                .body("next_run_at", equalTo("2026-06-02T18:00:00Z"))
                .body("created_at", equalTo("2026-06-01T00:00:00Z"))
                .body("updated_at", equalTo("2026-06-02T10:00:00Z"));
        assertEquals(1, Db.count("select count(*) from report_schedule where team_id = ?", team));
    }

    @Test
    void shouldKeepADueRunThatTheSchedulerHasNotTakenWhenReplaced() {
        fixClock("2026-06-01T00:00:00Z");
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String admin = Tokens.user(org, List.of(team), "team_admin");
        save(admin, weekly(team)).statusCode(200).body("next_run_at", equalTo("2026-06-08T00:00:00Z"));
        // Ten seconds after the slot, before the scheduler's tick took it: the run is still sent once.
        fixClock("2026-06-08T00:00:10Z");
        Map<String, Object> body = weekly(team);
        body.put("frequency", "daily");
        body.put("schedule_time", "18:00");
        save(admin, body).statusCode(200).body("next_run_at", equalTo("2026-06-08T00:00:00Z"));
    }

    @Test
    void shouldListOnlyVisibleSchedulesWithTheirLastDelivery() {
        fixClock("2026-06-01T00:00:00Z");
        String org = Tenants.newOrg();
        String mine = team(org, Tenants.newTeam());
        String sibling = team(org, Tenants.newTeam());
        String admin = Tokens.orgAdmin(org);
        String errorId = save(admin, with(weekly(mine), "report_type", "error"))
                .statusCode(200)
                .extract()
                .path("schedule_id");
        save(admin, weekly(mine)).statusCode(200);
        save(admin, weekly(sibling)).statusCode(200);
        save(Tokens.orgAdmin(Tenants.newOrg()), weekly(Tenants.newTeam())).statusCode(404);
        deliveryOf(org, mine, errorId, "2026-05-25T00:00:00Z", "sent", null);
        deliveryOf(org, mine, errorId, "2026-06-01T00:00:00Z", "failed", "550 mailbox unavailable");

        preferences(Tokens.user(org, List.of(mine), "member"), null)
                .statusCode(200)
                .body("schedules", hasSize(2))
                .body("schedules.report_type", equalTo(List.of("error", "usage")))
                .body("schedules[0].schedule_id", equalTo(errorId))
                .body("schedules[0].next_run_at", equalTo("2026-06-08T00:00:00Z"))
                .body("schedules[0].last_delivery.status", equalTo("failed"))
                .body("schedules[0].last_delivery.attempts", equalTo(3))
                .body("schedules[0].last_delivery.scheduled_for", equalTo("2026-06-01T00:00:00Z"))
                .body("schedules[0].last_delivery.last_error", equalTo("550 mailbox unavailable"))
                .body("schedules[1].last_delivery", nullValue());
        preferences(admin, null).statusCode(200).body("schedules", hasSize(3));
        preferences(admin, sibling).statusCode(200).body("schedules.team_id", equalTo(List.of(sibling)));
        preferences(Tokens.user(org, List.of(mine), "member"), sibling).statusCode(404);
    }

    @Test
    void shouldDeleteThenAnswer404() {
        fixClock("2026-06-01T00:00:00Z");
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String admin = Tokens.user(org, List.of(team), "team_admin");
        save(admin, weekly(team)).statusCode(200);
        delete(admin, "cost", team).statusCode(404);
        delete(admin, "usage", team).statusCode(204);
        delete(admin, "usage", team).statusCode(404);
        preferences(admin, null).statusCode(200).body("schedules", hasSize(0));
        delete(admin, "weekly", team).statusCode(400).body("error.field", equalTo("report_type"));
        delete(admin, "usage", "all").statusCode(400).body("error.field", equalTo("team_id"));
    }

    @Test
    void shouldRequireAToken() {
        given().contentType(ContentType.JSON)
                .body(weekly("team_x"))
                .post("/v1/reports/schedule")
                .then()
                .statusCode(401);
        given().get("/v1/reports/preferences/all").then().statusCode(401);
        given().delete("/v1/reports/schedule/usage").then().statusCode(401);
    }

    @Test
    void shouldForbidMembersToChangeSchedules() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        save(Tokens.user(org, List.of(team), "team_admin"), weekly(team)).statusCode(200);
        String member = Tokens.user(org, List.of(team), "member");
        save(member, weekly(team)).statusCode(403);
        delete(member, "usage", team).statusCode(403);
        preferences(member, team).statusCode(200).body("schedules", hasSize(1));
    }

    @Test
    void shouldAnswerForAnotherOrganizationsTeamAsForATeamNobodyHas() {
        String org = Tenants.newOrg();
        String foreignOrg = Tenants.newOrg();
        String foreign = Tenants.newTeam();
        save(Tokens.user(foreignOrg, List.of(foreign), "team_admin"), weekly(foreign))
                .statusCode(200);
        // An org admin reaches neither another organization's team nor a team its organization does not have.
        for (String id : List.of(foreign, Tenants.newTeam())) {
            save(Tokens.orgAdmin(org), weekly(id)).statusCode(404);
            delete(Tokens.orgAdmin(org), "usage", id).statusCode(404);
            preferences(Tokens.orgAdmin(org), id).statusCode(404);
        }
        // A token naming the id names its own organization's team of that id, as for an id nobody has.
        String admin = Tokens.user(org, List.of(foreign), "team_admin");
        preferences(admin, foreign).statusCode(200).body("schedules", hasSize(0));
        Map<String, Object> mine = weekly(foreign);
        mine.put("recipients", List.of("mine@example.com"));
        save(admin, mine).statusCode(200).body("recipients", equalTo(List.of("mine@example.com")));
        preferences(admin, foreign)
                .statusCode(200)
                .body("schedules.recipients", equalTo(List.of(List.of("mine@example.com"))));
        delete(admin, "usage", foreign).statusCode(204);
        delete(admin, "usage", foreign).statusCode(404);
        String sibling = team(org, Tenants.newTeam());
        save(Tokens.user(org, List.of(Tenants.newTeam()), "team_admin"), weekly(sibling))
                .statusCode(404);
        // The other organization's schedule is untouched.
        assertEquals(
                "{team@example.com}",
                Db.one(
                                "select recipients::text r from report_schedule where org_id = ? and team_id = ?",
                                foreignOrg,
                                foreign)
                        .get("r"));
    }

    @Test
    void shouldAskForTheTeamWhenTheCallerHasSeveralAndRefuseAll() {
        String org = Tenants.newOrg();
        Map<String, Object> body = weekly(null);
        body.remove("team_id");
        String only = Tenants.newTeam();
        save(Tokens.user(org, List.of(only), "team_admin"), body)
                .statusCode(200)
                .body("team_id", equalTo(only));
        save(Tokens.user(org, List.of(only, Tenants.newTeam()), "team_admin"), body)
                .statusCode(400)
                .body("error.field", equalTo("team_id"));
        save(Tokens.orgAdmin(org), with(weekly("all"), "team_id", "all"))
                .statusCode(400)
                .body("error.field", equalTo("team_id"));
    }

    static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        body.put(field, value);
        return body;
    }

    private static void deliveryOf(
            String org, String team, String scheduleId, String slot, String status, String error) {
        Db.execute(
                """
                insert into report_delivery (delivery_id, org_id, team_id, schedule_id, scheduled_for, report_type,
                    timezone, period_start, period_end, format, recipients, status, attempts, next_attempt_at,
                    last_error, created_at, sent_at)
                values (?, ?, ?, ?, ?::timestamptz, 'error', 'UTC', ?::timestamptz - interval '7 days', ?::timestamptz,
                    'none', '{team@example.com}', ?, 3, ?::timestamptz, ?, ?::timestamptz, null)""",
                "dlv_" + java.util.UUID.randomUUID().toString().replace("-", ""),
                org,
                team,
                scheduleId,
                slot,
                slot,
                slot,
                status,
                slot,
                error,
                slot);
    }
}
