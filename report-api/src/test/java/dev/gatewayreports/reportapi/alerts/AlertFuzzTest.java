package dev.gatewayreports.reportapi.alerts;

import static dev.gatewayreports.reportapi.alerts.AlertCalls.created;
import static dev.gatewayreports.reportapi.alerts.AlertCalls.rule;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.reportapi.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Hundreds of random alert bodies (valid rules with one to four fields replaced by values of any JSON type, broken
 * JSON, odd path ids and paging parameters): never a 5xx; every 400 names a field; every 2xx body is a rule.
 */
@QuarkusTest
class AlertFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> FIELDS = List.of(
            "name",
            "team_id",
            "kind",
            "measure",
            "window",
            "comparison",
            "threshold",
            "timezone",
            "hysteresis_percent",
            "for_minutes",
            "recipients",
            "webhook_url",
            "enabled",
            "unknown_field");
    private static final List<String> TEXTS = List.of(
            "",
            " ",
            "budget",
            "threshold",
            "cost_usd",
            "tokens",
            "month_to_date",
            "last_hour",
            "gte",
            "lt",
            "UTC",
            "Asia/Kathmandu",
            "Europe/Berlin ",
            "\u0000",
            "line\nbreak",
            "lone\ud800",
            "caf\u00e9",
            "' or '1'='1",
            "${jndi:ldap://x/a}",
            "x".repeat(300),
            "1e999",
            "-0",
            "0.0000000000001",
            "NaN",
            "https://hooks.example.com/x",
            "http://[::1]:8080/h",
            "https://u@h.example/",
            "file:///etc/passwd",
            "a@example.com",
            "team_x",
            "all",
            "%00",
            "12345678901234567890123456789.5");
    private static final List<String> NUMBERS = List.of(
            "0",
            "-0",
            "1",
            "-1",
            "1440",
            "1441",
            "100",
            "100.001",
            "2.5",
            "1e2",
            "1e308",
            "1e-400",
            "-1e400",
            "99999999999999999999999999999999999999999",
            "0.1234567890123",
            "9223372036854775808");

    @Test
    void shouldNeverAnswer5xxToRandomAlertRequests() {
        Random random = new Random(15);
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String admin = Tokens.user(org, List.of(team), "team_admin");
        String orgAdmin = Tokens.orgAdmin(org);
        String existing = created(admin, rule(team));
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String body = i % 25 == 24 ? broken(random) : mutated(random, team);
            String token = random.nextBoolean() ? admin : orgAdmin;
            var request = given().header("Authorization", Tokens.bearer(token))
                    .contentType("application/json")
                    .body(body);
            Response answer = switch (i % 4) {
                case 0, 1 -> request.post("/v1/alerts");
                case 2 -> request.put("/v1/alerts/" + existing);
                default -> request.put("/v1/alerts/" + pathId(random, existing));
            };
            check(answer, body, statuses, failures);
        }
        for (int i = 0; i < 60; i++) {
            String what = random.nextBoolean() ? "events" : "deliveries";
            Response answer = given().header("Authorization", Tokens.bearer(admin))
                    .queryParam("limit", pick(random, NUMBERS, TEXTS))
                    .queryParam("cursor", pick(random, TEXTS, NUMBERS))
                    .get("/v1/alerts/" + pathId(random, existing) + "/" + what);
            check(answer, what, statuses, failures);
        }
        assertEquals(List.of(), failures, "statuses: " + statuses);
        assertTrue(statuses.keySet().stream().anyMatch(s -> s >= 200 && s < 300), "no request passed: " + statuses);
        assertTrue(statuses.containsKey(400), "no request was refused: " + statuses);
    }

    private static void check(Response answer, String request, Map<Integer, Integer> statuses, List<String> failures) {
        int status = answer.statusCode();
        statuses.merge(status, 1, Integer::sum);
        String body = answer.asString();
        if (status >= 500) {
            failures.add(status + " for " + request + ": " + body);
        } else if (status == 400 && answer.jsonPath().getString("error.field") == null) {
            failures.add("400 without a field for " + request + ": " + body);
        } else if ((status == 200 || status == 201)
                && request.startsWith("{")
                && answer.jsonPath().getString("alert_id") == null
                && answer.jsonPath().getString("has_more") == null) {
            failures.add(status + " without a rule for " + request + ": " + body);
        }
    }

    /** A valid rule with one to four fields replaced by a value of a random JSON type, or removed. */
    private static String mutated(Random random, String team) {
        ObjectNode body = JSON.valueToTree(random.nextBoolean() ? rule(team) : AlertCalls.budget(team));
        int changes = 1 + random.nextInt(4);
        for (int c = 0; c < changes; c++) {
            String field = FIELDS.get(random.nextInt(FIELDS.size()));
            switch (random.nextInt(7)) {
                case 0 -> body.remove(field);
                case 1 -> body.putNull(field);
                case 2 -> body.put(field, pick(random, TEXTS, TEXTS));
                case 3 -> body.set(field, number(random));
                case 4 -> body.put(field, random.nextBoolean());
                case 5 ->
                    body.set(
                            field,
                            NODES.arrayNode().add(pick(random, TEXTS, TEXTS)).add(number(random)));
                default -> body.set(field, NODES.objectNode().put("value", pick(random, TEXTS, NUMBERS)));
            }
        }
        return body.toString();
    }

    private static com.fasterxml.jackson.databind.JsonNode number(Random random) {
        try {
            return JSON.readTree(NUMBERS.get(random.nextInt(NUMBERS.size())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String broken(Random random) {
        return List.of(
                        "{",
                        "[]",
                        "null",
                        "\"x\"",
                        "{\"name\": }",
                        "{\"threshold\": 1e99999999}",
                        "{}",
                        "{\"name\": \"x\", \"name\": \"y\"}",
                        "[".repeat(2000))
                .get(random.nextInt(9));
    }

    private static String pathId(Random random, String existing) {
        return List.of(existing, "alr_" + "f".repeat(32), "alr_", "alr_XYZ", "x".repeat(300), "alr_%2500", "..")
                .get(random.nextInt(7));
    }

    private static String pick(Random random, List<String> first, List<String> second) {
        List<String> from = random.nextBoolean() ? first : second;
        return from.get(random.nextInt(from.size()));
    }
}
