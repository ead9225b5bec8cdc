package dev.gatewayreports.reportapi.audit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatewayreports.reportapi.support.Tokens;
import dev.gatewayreports.testing.Db;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;

/** Reading audit rows straight from the table, and the admin calls the audit tests make. */
final class AuditRows {
    private AuditRows() {}

    /** The organization's rows, oldest first. */
    static List<Map<String, Object>> of(String org) {
        return Db.query(
                "select *, details::text as details_json from audit_event where org_id = ? order by event_id", org);
    }

    /** The organization's rows of one action, oldest first. */
    static List<Map<String, Object>> of(String org, String action) {
        return Db.query(
                "select *, details::text as details_json from audit_event where org_id = ? and action = ?"
                        + " order by event_id",
                org,
                action);
    }

    /** The one row of the action; fails on none or several. */
    static Map<String, Object> only(String org, String action) {
        List<Map<String, Object>> rows = of(org, action);
        assertEquals(1, rows.size(), "rows of " + action + ": " + rows);
        return rows.get(0);
    }

    static RequestSpecification as(String token) {
        return given().header("Authorization", Tokens.bearer(token));
    }

    static ValidatableResponse createTeam(String token, String team, Object... more) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("team_id", team, "name", team));
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return as(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/admin/teams")
                .then();
    }

    static ValidatableResponse patchTeam(String token, String team, Map<String, Object> body) {
        return as(token)
                .contentType(ContentType.JSON)
                .body(body)
                .patch("/v1/admin/teams/" + team)
                .then();
    }

    static ValidatableResponse mintKey(String token, String name, String... scopes) {
        return as(token)
                .contentType(ContentType.JSON)
                .body(Map.of("name", name, "scopes", List.of(scopes)))
                .post("/v1/admin/service-keys")
                .then();
    }

    static ValidatableResponse audit(String token, Object... params) {
        RequestSpecification request = as(token);
        for (int i = 0; i < params.length; i += 2) {
            request = request.queryParam((String) params[i], params[i + 1]);
        }
        return request.get("/v1/admin/audit").then();
    }
}
