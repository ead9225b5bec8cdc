package dev.gatewayreports.reportapi.schedules;

import static io.restassured.RestAssured.given;

import dev.gatewayreports.reportapi.support.Tokens;
import io.quarkus.test.junit.QuarkusMock;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Requests of the schedules tests, and a fixed "now" for the application's clock during one test. */
final class ScheduleCalls {
    private ScheduleCalls() {}

    /** Makes the application's clock read {@code now} until the end of the current test. */
    static void fixClock(String now) {
        QuarkusMock.installMockForType(Clock.fixed(Instant.parse(now), ZoneOffset.UTC), Clock.class);
    }

    /** A valid weekly schedule body for the team, to change one field at a time. */
    static Map<String, Object> weekly(String team) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("report_type", "usage");
        body.put("frequency", "weekly");
        body.put("schedule_time", "09:00");
        body.put("schedule_day", 1);
        body.put("timezone", "Asia/Seoul");
        body.put("recipients", List.of("team@example.com"));
        body.put("format", "xlsx");
        body.put("team_id", team);
        return body;
    }

    static ValidatableResponse save(String token, Object body) {
        return given().header("Authorization", Tokens.bearer(token))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/reports/schedule")
                .then();
    }

    static ValidatableResponse preferences(String token, String teamId) {
        var request = given().header("Authorization", Tokens.bearer(token));
        if (teamId != null) {
            request.queryParam("team_id", teamId);
        }
        return request.get("/v1/reports/preferences/all").then();
    }

    static ValidatableResponse delete(String token, String type, String teamId) {
        return given().header("Authorization", Tokens.bearer(token))
                .queryParam("team_id", teamId)
                .delete("/v1/reports/schedule/" + type)
                .then();
    }

    /** Creates the team in the organization through the admin API, as an org admin would. */
    static String team(String org, String team) {
        given().header("Authorization", Tokens.bearer(Tokens.orgAdmin(org)))
                .contentType(ContentType.JSON)
                .body(Map.of("team_id", team, "name", team))
                .post("/v1/admin/teams")
                .then()
                .statusCode(201);
        return team;
    }
}
