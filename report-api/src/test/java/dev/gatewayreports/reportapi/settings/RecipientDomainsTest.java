package dev.gatewayreports.reportapi.settings;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.reportapi.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An organization's allow-list of recipient domains: set by org admins, applied to schedules and sends. */
@QuarkusTest
class RecipientDomainsTest {
    private static final String PATH = "/v1/admin/settings/recipient-domains";

    private String org;
    private String team;

    @BeforeEach
    void tenant() {
        org = Tenants.newOrg();
        team = Tenants.newTeam();
        given().header("Authorization", Tokens.bearer(Tokens.orgAdmin(org)))
                .contentType(ContentType.JSON)
                .body(Map.of("team_id", team, "name", team))
                .post("/v1/admin/teams")
                .then()
                .statusCode(201);
    }

    @Test
    void shouldStoreTheListLowerCasedOnceEachAndAnswerItBack() {
        put(Tokens.orgAdmin(org), Map.of("domains", List.of("Example.COM", "corp.example", "example.com")))
                .statusCode(200)
                .body("domains", equalTo(List.of("example.com", "corp.example")));
        given().header("Authorization", Tokens.bearer(Tokens.orgAdmin(org)))
                .get(PATH)
                .then()
                .statusCode(200)
                .body("domains", equalTo(List.of("example.com", "corp.example")));
        // Another organization's admin sees its own (empty) list, never this one.
        given().header("Authorization", Tokens.bearer(Tokens.orgAdmin(Tenants.newOrg())))
                .get(PATH)
                .then()
                .statusCode(200)
                .body("domains", empty());
    }

    @Test
    void shouldRefuseSchedulesAndSendsToOtherDomainsNamingRecipients() {
        put(Tokens.orgAdmin(org), Map.of("domains", List.of("example.com"))).statusCode(200);
        String admin = Tokens.withEmail("lead@example.com", org, List.of(team), "team_admin");

        schedule(admin, List.of("ok@example.com", "leak@elsewhere.example"))
                .statusCode(400)
                .body("error.field", equalTo("recipients"))
                .body("error.message", containsString("leak@elsewhere.example"));
        schedule(admin, List.of("ok@EXAMPLE.com")).statusCode(200);
        send(admin, "[\"leak@elsewhere.example\"]").statusCode(400).body("error.field", equalTo("recipients"));
        send(admin, "[\"ok@example.com\"]").statusCode(202);
        // The caller's own address counts too.
        send(Tokens.withEmail("me@gmail.example", org, List.of(team), "member"), null)
                .statusCode(400)
                .body("error.field", equalTo("recipients"));

        put(Tokens.orgAdmin(org), Map.of("domains", List.of())).statusCode(200).body("domains", empty());
        send(admin, "[\"leak@elsewhere.example\"]").statusCode(202);
    }

    @Test
    void shouldRefuseInvalidListsNamingTheField() {
        String admin = Tokens.orgAdmin(org);
        put(admin, Map.of("domains", List.of("example.com", "*.example.com")))
                .statusCode(400)
                .body("error.field", equalTo("domains[1]"));
        put(admin, Map.of("domains", List.of("no spaces.example"))).statusCode(400);
        put(admin, Map.of("domains", List.of("localhost"))).statusCode(400);
        put(admin, Map.of("domains", "example.com")).statusCode(400).body("error.field", equalTo("domains"));
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("domains", List.of(Map.of("x", 1)));
        put(admin, nested).statusCode(400).body("error.field", equalTo("domains[0]"));
        given().header("Authorization", Tokens.bearer(admin))
                .contentType(ContentType.JSON)
                .body("[\"example.com\"]")
                .put(PATH)
                .then()
                .statusCode(400)
                .body("error.field", equalTo("body"));
    }

    @Test
    void shouldLetOnlyOrgAdminsReadOrChangeIt() {
        put(Tokens.user(org, List.of(team), "team_admin"), Map.of("domains", List.of("example.com")))
                .statusCode(403);
        given().header("Authorization", Tokens.bearer(Tokens.user(org, List.of(team), "member")))
                .get(PATH)
                .then()
                .statusCode(403);
        given().contentType(ContentType.JSON)
                .body(Map.of("domains", List.of("example.com")))
                .put(PATH)
                .then()
                .statusCode(401);
        given().header("x-api-key", Tenants.serviceKey(org, "ingest"))
                .get(PATH)
                .then()
                .statusCode(403);
    }

    private static ValidatableResponse put(String token, Object body) {
        return given().header("Authorization", Tokens.bearer(token))
                .contentType(ContentType.JSON)
                .body(body)
                .put(PATH)
                .then();
    }

    private ValidatableResponse schedule(String token, List<String> recipients) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("report_type", "usage");
        body.put("frequency", "daily");
        body.put("schedule_time", "09:00");
        body.put("recipients", recipients);
        body.put("team_id", team);
        return given().header("Authorization", Tokens.bearer(token))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/reports/schedule")
                .then();
    }

    private ValidatableResponse send(String token, String body) {
        var request = given().header("Authorization", Tokens.bearer(token))
                .queryParam("report_type", "usage")
                .queryParam("team_id", team);
        if (body != null) {
            request.contentType(ContentType.JSON).body(body);
        }
        return request.post("/v1/reports/send").then();
    }
}
