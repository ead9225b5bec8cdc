package dev.gatewayreports.reportapi.alerts;

import static dev.gatewayreports.reportapi.alerts.AlertCalls.create;
import static dev.gatewayreports.reportapi.alerts.AlertCalls.created;
import static dev.gatewayreports.reportapi.alerts.AlertCalls.put;
import static dev.gatewayreports.reportapi.alerts.AlertCalls.rule;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.reportapi.support.Tokens;
import dev.gatewayreports.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every invalid field of an alert rule is a 400 naming it with a message a client can act on; nothing is stored. */
@QuarkusTest
class AlertValidationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Each row: a JSON fragment merged over a valid rule (null removes the field), the field, the message. */
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"name": null}                          | name               | name is required: 1 to 200 characters
            {"name": ""}                            | name               | name must be 1 to 200 characters
            {"name": ["x"]}                         | name               | name has the wrong type or format
            {"kind": "alarm"}                       | kind               | kind must be threshold or budget
            {"kind": "Threshold"}                   | kind               | kind must be threshold or budget
            {"measure": null}                       | measure            | measure is required: cost_usd, credits, requests, error_rate, p95_latency_ms or tokens
            {"measure": "cost"}                     | measure            | measure must be cost_usd, credits, requests, error_rate, p95_latency_ms or tokens
            {"window": null}                        | window             | window is required: last_hour, last_day or month_to_date
            {"window": "last_week"}                 | window             | window must be last_hour, last_day or month_to_date
            {"window": ["last_day"]}                | window             | window has the wrong type or format
            {"comparison": "eq"}                    | comparison         | comparison must be gt, gte, lt or lte
            {"comparison": ">"}                     | comparison         | comparison must be gt, gte, lt or lte
            {"threshold": null}                     | threshold          | threshold is required: a number or a decimal string
            {"threshold": -1}                       | threshold          | threshold must be 0 or more
            {"threshold": "-0.01"}                  | threshold          | threshold must be 0 or more
            {"threshold": "0.0000000000001"}        | threshold          | threshold must have at most 26 digits before the decimal point and 12 after it
            {"threshold": 1e30}                     | threshold          | threshold must have at most 26 digits before the decimal point and 12 after it
            {"threshold": "1e3"}                    | threshold          | threshold has the wrong type or format
            {"threshold": "NaN"}                    | threshold          | threshold has the wrong type or format
            {"threshold": " 5"}                     | threshold          | threshold has the wrong type or format
            {"threshold": true}                     | threshold          | threshold has the wrong type or format
            {"threshold": {"value": 5}}             | threshold          | threshold has the wrong type or format
            {"timezone": "Mars/Olympus"}            | timezone           | timezone must be an IANA time zone such as America/New_York
            {"timezone": "+05:00"}                  | timezone           | timezone must be an IANA time zone such as America/New_York
            {"hysteresis_percent": 101}             | hysteresis_percent | hysteresis_percent must be between 0 and 100, with at most 2 decimals
            {"hysteresis_percent": -1}              | hysteresis_percent | hysteresis_percent must be between 0 and 100, with at most 2 decimals
            {"hysteresis_percent": 1.005}           | hysteresis_percent | hysteresis_percent must be between 0 and 100, with at most 2 decimals
            {"for_minutes": 1441}                   | for_minutes        | for_minutes must be a whole number of minutes between 0 and 1440
            {"for_minutes": -1}                     | for_minutes        | for_minutes must be a whole number of minutes between 0 and 1440
            {"for_minutes": "5"}                    | for_minutes        | for_minutes has the wrong type or format
            {"for_minutes": 2.5}                    | for_minutes        | for_minutes has the wrong type or format
            {"recipients": "a@example.com"}         | recipients         | recipients has the wrong type or format
            {"recipients": ["not an address"]}      | recipients         | recipients 'not an address' is not a valid e-mail address
            {"recipients": ["A <a@example.com>"]}   | recipients         | recipients 'A <a@example.com>' is not a valid e-mail address
            {"recipients": [1]}                     | recipients         | recipients '1' is not a valid e-mail address
            {"recipients": [["a@example.com"]]}     | recipients.[0]     | recipients.[0] has the wrong type or format
            {"webhook_url": "ftp://files.example.com/x"} | webhook_url   | webhook_url must be an absolute http or https URL
            {"webhook_url": "/relative/path"}       | webhook_url        | webhook_url must be an absolute http or https URL
            {"webhook_url": "hooks.example.com"}    | webhook_url        | webhook_url must be an absolute http or https URL
            {"webhook_url": "https://user:pw@hooks.example.com/x"} | webhook_url | webhook_url must not carry a user name or password
            {"webhook_url": "https:///nohost"}      | webhook_url        | webhook_url must name a host
            {"webhook_url": "https://exa mple.com/"} | webhook_url       | webhook_url must be an absolute http or https URL
            {"webhook_url": "javascript:alert(1)"}  | webhook_url        | webhook_url must be an absolute http or https URL
            {"webhook_url": 5}                      | webhook_url        | webhook_url must be an absolute http or https URL
            {"webhook_url": {"url": "https://h.example"}} | webhook_url  | webhook_url has the wrong type or format
            {"enabled": "yes"}                      | enabled            | enabled has the wrong type or format
            {"enabled": 1}                          | enabled            | enabled has the wrong type or format
            {"team_id": "all"}                      | team_id            | team_id must name one team; leave it out for an organization-wide rule
            {"team_id": "team x"}                   | team_id            | team_id must be 1-64 characters of letters, digits, '_', '.', ':' or '-', starting with a letter or digit
            {"kind": "budget", "window": "last_day"} | window            | window must be month_to_date for a budget
            {"kind": "budget", "window": "month_to_date", "measure": "error_rate"} | measure | measure must be cost_usd, credits, tokens or requests for a budget
            {"kind": "budget", "window": "month_to_date", "measure": "p95_latency_ms"} | measure | measure must be cost_usd, credits, tokens or requests for a budget
            {"kind": "budget", "window": "month_to_date", "comparison": "lt"} | comparison | comparison must be gt or gte for a budget
            """)
    void shouldAnswerEachBadFieldWithItsNameAndMessage(String fragment, String field, String message) throws Exception {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        ObjectNode body = JSON.valueToTree(rule(team));
        JSON.readTree(fragment).properties().forEach(e -> {
            if (e.getValue().isNull()) {
                body.remove(e.getKey());
            } else {
                body.set(e.getKey(), e.getValue());
            }
        });
        String admin = Tokens.user(org, List.of(team), "team_admin");
        create(admin, body.toString())
                .statusCode(400)
                .body("error.code", equalTo("invalid_request"))
                .body("error.field", equalTo(field))
                .body("error.message", equalTo(message));
        assertEquals(0, Db.count("select count(*) from alert_rule where org_id = ?", org));
        // PUT validates the same body the same way.
        String id = created(admin, rule(team));
        put(admin, id, body.toString()).statusCode(400).body("error.field", equalTo(field));
    }

    @Test
    void shouldAcceptTheEdgesOfEachRange() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String admin = Tokens.user(org, List.of(team), "team_admin");
        Map<String, Object> body = rule(team);
        body.put("name", "n".repeat(200));
        body.put("threshold", "12345678901234567890123456.123456789012");
        body.put("hysteresis_percent", 100);
        body.put("for_minutes", 1440);
        body.put("recipients", addresses(50));
        body.put("webhook_url", "https://h.example/" + "p".repeat(2000 - "https://h.example/".length()));
        create(admin, body)
                .statusCode(201)
                .body("threshold", equalTo("12345678901234567890123456.123456789012"))
                .body("recipients.size()", equalTo(50));
        body.put("threshold", 0);
        body.put("hysteresis_percent", 0);
        body.put("for_minutes", 0);
        body.put("recipients", List.of());
        body.remove("webhook_url");
        create(admin, body).statusCode(201).body("threshold", equalTo("0"));
    }

    @Test
    void shouldRefuseTooLongValues() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String admin = Tokens.user(org, List.of(team), "team_admin");
        Map<String, Object> body = rule(team);
        body.put("name", "n".repeat(201));
        create(admin, body).statusCode(400).body("error.field", equalTo("name"));
        body = rule(team);
        body.put("recipients", addresses(51));
        create(admin, body)
                .statusCode(400)
                .body("error.field", equalTo("recipients"))
                .body("error.message", containsString("at most 50"));
        body = rule(team);
        body.put("webhook_url", "https://h.example/" + "p".repeat(2001 - "https://h.example/".length()));
        create(admin, body)
                .statusCode(400)
                .body("error.field", equalTo("webhook_url"))
                .body("error.message", equalTo("webhook_url must be at most 2000 characters"));
    }

    @Test
    void shouldKeepEachRecipientOnceAndHonourTheOrganizationsDomains() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String admin = Tokens.user(org, List.of(team), "team_admin");
        Map<String, Object> body = rule(team);
        body.put("recipients", List.of("a@corp.example", "A@corp.example", "b@corp.example"));
        create(admin, body).statusCode(201).body("recipients", equalTo(List.of("a@corp.example", "b@corp.example")));
        given().header("Authorization", Tokens.bearer(Tokens.orgAdmin(org)))
                .contentType(ContentType.JSON)
                .body(Map.of("domains", List.of("corp.example")))
                .put("/v1/admin/settings/recipient-domains")
                .then()
                .statusCode(200);
        body.put("recipients", List.of("a@corp.example", "x@elsewhere.example"));
        create(admin, body)
                .statusCode(400)
                .body("error.field", equalTo("recipients"))
                .body("error.message", containsString("x@elsewhere.example"));
        body.put("recipients", List.of("a@corp.example"));
        create(admin, body).statusCode(201);
    }

    @Test
    void shouldRefuseHeaderInjectionThroughARecipient() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        Map<String, Object> body = rule(team);
        body.put("recipients", List.of("a@example.com\r\nBcc: x@example.com"));
        create(Tokens.user(org, List.of(team), "team_admin"), body)
                .statusCode(400)
                .body("error.field", equalTo("recipients"));
    }

    @Test
    void shouldAnswer400ForBodiesThatAreNotARule() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String admin = Tokens.user(org, List.of(team), "team_admin");
        for (String body : List.of("{\"name\": \"x\",", "not json", "[]", "\"rule\"", "42")) {
            create(admin, body).statusCode(400).body("error.field", equalTo("body"));
        }
        create(admin, "null").statusCode(400).body("error.field", equalTo("body"));
        assertEquals(0, Db.count("select count(*) from alert_rule where org_id = ?", org));
    }

    @Test
    void shouldRequireATeamFromCallersWhoAreNotOrgAdmins() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        Map<String, Object> body = rule(team);
        body.remove("team_id");
        create(Tokens.user(org, List.of(team), "team_admin"), body)
                .statusCode(400)
                .body("error.field", equalTo("team_id"))
                .body("error.message", equalTo("team_id is required: only an org_admin makes organization-wide rules"));
    }

    private static List<String> addresses(int n) {
        return IntStream.range(0, n).mapToObj(i -> "r" + i + "@example.com").toList();
    }
}
