package dev.gatewayreports.reportapi.schedules;

import static dev.gatewayreports.reportapi.schedules.ScheduleCalls.save;
import static dev.gatewayreports.reportapi.schedules.ScheduleCalls.weekly;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.reportapi.support.Tokens;
import dev.gatewayreports.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every invalid field of a schedule is a 400 naming it, and nothing is stored. */
@QuarkusTest
class ScheduleValidationTest {

    static Stream<Arguments> invalidFields() {
        return Stream.of(
                Arguments.of("report_type", null),
                Arguments.of("report_type", "daily"),
                Arguments.of("report_type", 1),
                Arguments.of("frequency", null),
                Arguments.of("frequency", "hourly"),
                Arguments.of("frequency", "Weekly"),
                Arguments.of("schedule_time", null),
                Arguments.of("schedule_time", "24:00"),
                Arguments.of("schedule_time", "9:00"),
                Arguments.of("schedule_time", "09:60"),
                Arguments.of("schedule_time", "09:00:00"),
                Arguments.of("schedule_time", 900),
                Arguments.of("schedule_day", null),
                Arguments.of("schedule_day", 7),
                Arguments.of("schedule_day", -1),
                Arguments.of("schedule_day", "1"),
                Arguments.of("schedule_day", 1.5),
                Arguments.of("timezone", "Mars/Olympus"),
                Arguments.of("timezone", "EST5EDT "),
                Arguments.of("timezone", 9),
                Arguments.of("days", 0),
                Arguments.of("days", 367),
                Arguments.of("days", "7"),
                Arguments.of("days", 7.5),
                Arguments.of("recipients", null),
                Arguments.of("recipients", List.of()),
                Arguments.of("recipients", "team@example.com"),
                Arguments.of("recipients", List.of("not an address")),
                Arguments.of("recipients", List.of("Team <team@example.com>")),
                Arguments.of("recipients", List.of(1)),
                Arguments.of("format", "json"),
                Arguments.of("format", "pdf"),
                Arguments.of("format", true),
                Arguments.of("team_id", ""),
                Arguments.of("team_id", "all"),
                Arguments.of("team_id", "team\u0000x"),
                Arguments.of("team_id", "team x"),
                Arguments.of("sections", List.of("summary")),
                Arguments.of("sections.charts", Map.of("charts", true)),
                Arguments.of("sections.summary", Map.of("summary", "yes")));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidFields")
    void shouldRejectAnInvalidFieldNamingIt(String field, Object value) {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        Map<String, Object> body = weekly(team);
        body.put(field.startsWith("sections.") ? "sections" : field, value);
        save(Tokens.user(org, List.of(team), "team_admin"), body)
                .statusCode(400)
                .body("error.code", equalTo("invalid_request"))
                .body("error.field", equalTo(field));
        assertEquals(0, Db.count("select count(*) from report_schedule where team_id = ?", team));
    }

    @Test
    void shouldRejectAMonthlyDayOutOfRange() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        Map<String, Object> body = weekly(team);
        body.put("frequency", "monthly");
        for (int day : new int[] {0, 32}) {
            body.put("schedule_day", day);
            save(Tokens.user(org, List.of(team), "team_admin"), body)
                    .statusCode(400)
                    .body("error.field", equalTo("schedule_day"));
        }
    }

    @Test
    void shouldRefuseHeaderInjectionThroughARecipient() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        Map<String, Object> body = weekly(team);
        body.put("recipients", List.of("ok@example.com", "a@example.com\r\nBcc: x@example.com"));
        save(Tokens.user(org, List.of(team), "team_admin"), body)
                .statusCode(400)
                .body("error.field", equalTo("recipients"))
                .body("error.message", containsString("a@example.com??Bcc: x@example.com"));
    }

    @Test
    void shouldAcceptFiftyRecipientsAndRefuseFiftyOne() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String admin = Tokens.user(org, List.of(team), "team_admin");
        Map<String, Object> body = weekly(team);
        body.put("recipients", addresses(51));
        save(admin, body)
                .statusCode(400)
                .body("error.field", equalTo("recipients"))
                .body("error.message", containsString("51"));
        body.put("recipients", addresses(50));
        save(admin, body).statusCode(200).body("recipients.size()", equalTo(50));
    }

    @Test
    void shouldAnswer400ForBodiesThatAreNotAScheduleObject() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String admin = Tokens.user(org, List.of(team), "team_admin");
        for (String body : List.of("{\"report_type\": \"usage\",", "not json", "[]", "null", "\"usage\"")) {
            save(admin, body).statusCode(400).body("error.field", equalTo("body"));
        }
    }

    private static List<String> addresses(int n) {
        return IntStream.range(0, n).mapToObj(i -> "r" + i + "@example.com").toList();
    }
}
