package dev.gatewayreports.reportapi.admin;

import static dev.gatewayreports.reportapi.support.Events.event;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.gatewayreports.reportapi.support.Ingest;
import dev.gatewayreports.reportapi.support.Tenants;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The admin query parameters, bound and checked one by one: each problem is a 400 in the admin shape whose message
 * starts with the parameter's name; the forms a client may use (brackets or not, repeated or comma-separated)
 * mean the same.
 */
@QuarkusTest
class AdminParametersTest {
    static final String USAGE = "/v1/organizations/usage_report/messages";
    static final String COST = "/v1/organizations/cost_report";
    static final String START = "2025-01-01T00:00:00Z";

    private static RequestSpecification admin(String key) {
        return given().header("x-api-key", key);
    }

    @Test
    void shouldRefuseACostBucketWidthOtherThanOneDayNamingIt() {
        String key = Tenants.serviceKey(Tenants.newOrg(), "admin");
        for (String width : List.of("1h", "1m", "1w", " ")) {
            admin(key)
                    .queryParam("starting_at", START)
                    .queryParam("bucket_width", width)
                    .get(COST)
                    .then()
                    .statusCode(400)
                    .body("type", equalTo("error"))
                    .body("error.type", equalTo("invalid_request_error"))
                    .body("error.message", startsWith("bucket_width: must be 1d"));
        }
        admin(key)
                .queryParam("starting_at", START)
                .queryParam("ending_at", "2025-01-03T00:00:00Z")
                .queryParam("bucket_width", "1d")
                .get(COST)
                .then()
                .statusCode(200)
                .body("data", hasSize(2));
    }

    @Test
    void shouldNameTheParameterOfEveryProblem() {
        String key = Tenants.serviceKey(Tenants.newOrg(), "admin");
        Object[][] usage = {
            {Map.of("starting_at", ""), "starting_at: "},
            {Map.of("starting_at", "2025-01-01"), "starting_at: "},
            {Map.of("starting_at", START, "limit", "7.5"), "limit: "},
            {Map.of("starting_at", START, "limit", "-1"), "limit: "},
            {Map.of("starting_at", START, "limit", "99999999999"), "limit: "},
            {Map.of("starting_at", START, "bucket_width", "1d", "limit", "32"), "limit: "},
            {Map.of("starting_at", START, "group_by[]", "model,provider"), "group_by[]: "},
            {Map.of("starting_at", START, "group_by[]", "model,"), "group_by[]: "},
            {Map.of("starting_at", START, "models[]", "a,,b"), "models[]: "},
            {Map.of("starting_at", START, "workspace_ids[]", " "), "workspace_ids[]: "},
            {Map.of("starting_at", START, "inference_geos[]", ",us"), "inference_geos[]: "},
            {Map.of("starting_at", START, "api_key_ids[]", " "), "api_key_ids[]: "},
            {Map.of("starting_at", START, "service_tiers", "gold"), "service_tiers[]: "},
            {Map.of("starting_at", START, "ending_at", "2024-12-31T23:00:00Z"), "ending_at: "},
        };
        for (Object[] c : usage) {
            admin(key)
                    .queryParams((Map<String, ?>) c[0])
                    .get(USAGE)
                    .then()
                    .statusCode(400)
                    .body("type", equalTo("error"))
                    .body("error.type", equalTo("invalid_request_error"))
                    .body("error.message", startsWith((String) c[1]));
        }
        Object[][] cost = {
            {Map.of("starting_at", START, "limit", "0"), "limit: "},
            {Map.of("starting_at", START, "group_by[]", "workspace_id,model"), "group_by[]: "},
            {Map.of("starting_at", START, "workspace_ids[]", "x,"), "workspace_ids[]: "},
            {Map.of("starting_at", START, "ending_at", "tomorrow"), "ending_at: "},
        };
        for (Object[] c : cost) {
            admin(key)
                    .queryParams((Map<String, ?>) c[0])
                    .get(COST)
                    .then()
                    .statusCode(400)
                    .body("error.type", equalTo("invalid_request_error"))
                    .body("error.message", startsWith((String) c[1]));
        }
        for (String single : List.of("starting_at", "ending_at", "bucket_width", "limit", "page")) {
            admin(key)
                    .queryParam("starting_at", START)
                    .queryParam(single, "2025-01-02T00:00:00Z", "2025-01-03T00:00:00Z")
                    .get(USAGE)
                    .then()
                    .statusCode(400)
                    .body("error.type", equalTo("invalid_request_error"))
                    .body("error.message", equalTo(single + ": give it once"));
        }
    }

    @Test
    void shouldReadListsRepeatedCommaSeparatedOrWithoutBrackets() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        Ingest.andFold(
                Tenants.serviceKey(org, "ingest"),
                List.of(
                        event(team)
                                .with("occurred_at", "2025-01-01T10:00:00Z")
                                .with("model", "claude-haiku-4-5")
                                .build(),
                        event(team).with("occurred_at", "2025-01-01T11:00:00Z").build()));
        String key = Tenants.serviceKey(org, "admin");
        List<Map<String, List<String>>> forms = List.of(
                Map.of("group_by[]", List.of("model", "workspace_id"), "models[]", List.of("claude-haiku-4-5")),
                Map.of("group_by[]", List.of("workspace_id,model"), "models", List.of("claude-haiku-4-5")),
                Map.of("group_by", List.of("model", "workspace_id"), "models[]", List.of(" claude-haiku-4-5 ")));
        for (Map<String, List<String>> form : forms) {
            RequestSpecification r =
                    admin(key).queryParam("starting_at", START).queryParam("ending_at", "2025-01-02T00:00:00Z");
            form.forEach((name, values) -> r.queryParam(name, values));
            r.get(USAGE)
                    .then()
                    .statusCode(200)
                    .body("data", hasSize(1))
                    .body("data[0].results", hasSize(1))
                    .body("data[0].results[0].model", equalTo("claude-haiku-4-5"))
                    .body("data[0].results[0].workspace_id", equalTo(team))
                    .body("data[0].results[0].api_key_id", nullValue());
        }
        admin(key)
                .queryParam("starting_at", START)
                .queryParam("ending_at", "2025-01-02T00:00:00Z")
                .queryParam("unknown_parameter", "is ignored")
                .get(USAGE)
                .then()
                .statusCode(200)
                .body("data[0].results[0].output_tokens", equalTo(600));
        admin(key)
                .queryParam("starting_at", START)
                .queryParam("group_by", "provider")
                .get(USAGE)
                .then()
                .statusCode(400)
                .body("error.message", containsString("group_by"));
    }
}
