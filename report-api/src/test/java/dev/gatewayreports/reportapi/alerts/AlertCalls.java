package dev.gatewayreports.reportapi.alerts;

import static io.restassured.RestAssured.given;

import dev.gatewayreports.model.secrets.SecretBox;
import dev.gatewayreports.reportapi.support.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/** Requests of the alerts tests and the bodies they start from. */
final class AlertCalls {
    private AlertCalls() {}

    /** A valid team rule: cost over the last day above 250, to change one field at a time. */
    static Map<String, Object> rule(String team) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Daily spend");
        body.put("team_id", team);
        body.put("kind", "threshold");
        body.put("measure", "cost_usd");
        body.put("window", "last_day");
        body.put("comparison", "gt");
        body.put("threshold", "250.50");
        body.put("timezone", "Europe/Berlin");
        body.put("recipients", List.of("lead@example.com"));
        return body;
    }

    /** A valid monthly budget of the team (or, team null, of the organization). */
    static Map<String, Object> budget(String team) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Monthly budget");
        if (team != null) {
            body.put("team_id", team);
        }
        body.put("kind", "budget");
        body.put("measure", "cost_usd");
        body.put("window", "month_to_date");
        body.put("comparison", "gte");
        body.put("threshold", 10000);
        body.put("timezone", "America/New_York");
        return body;
    }

    static ValidatableResponse create(String token, Object body) {
        return given().header("Authorization", Tokens.bearer(token))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/alerts")
                .then();
    }

    /** Creates the rule and answers its id (201 expected). */
    static String created(String token, Object body) {
        return create(token, body).statusCode(201).extract().path("alert_id");
    }

    static ValidatableResponse get(String token, String alertId) {
        return given().header("Authorization", Tokens.bearer(token))
                .get("/v1/alerts/" + alertId)
                .then();
    }

    static ValidatableResponse list(String token, String teamId) {
        var request = given().header("Authorization", Tokens.bearer(token));
        if (teamId != null) {
            request.queryParam("team_id", teamId);
        }
        return request.get("/v1/alerts").then();
    }

    static ValidatableResponse put(String token, String alertId, Object body) {
        return given().header("Authorization", Tokens.bearer(token))
                .contentType(ContentType.JSON)
                .body(body)
                .put("/v1/alerts/" + alertId)
                .then();
    }

    static ValidatableResponse delete(String token, String alertId) {
        return given().header("Authorization", Tokens.bearer(token))
                .delete("/v1/alerts/" + alertId)
                .then();
    }

    static ValidatableResponse rotate(String token, String alertId) {
        return given().header("Authorization", Tokens.bearer(token))
                .post("/v1/alerts/" + alertId + "/webhook-secret")
                .then();
    }

    static ValidatableResponse page(String token, String alertId, String what, Map<String, ?> query) {
        return given().header("Authorization", Tokens.bearer(token))
                .queryParams(query)
                .get("/v1/alerts/" + alertId + "/" + what)
                .then();
    }

    /** The box of this run's key (the test resource's random one), to open what report-api sealed. */
    static SecretBox box() {
        return SecretBox.fromBase64(ConfigProvider.getConfig().getValue("reports.secrets.key", String.class));
    }
}
