package dev.gatewayreports.reportapi.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Money fields of an event are a JSON number or a decimal string, stored as the same exact NUMERIC either way. */
@QuarkusTest
class MoneyInputTest {
    private String team;
    private String key;

    @BeforeEach
    void tenant() {
        team = Tenants.newTeam();
        key = Tenants.serviceKey(Tenants.newOrg(), "ingest");
    }

    /** One event as raw JSON text, so the money is sent exactly as written (a number or a string). */
    private String event(String requestId, String costUsd, String credits) {
        return """
                {"request_id": "%s", "occurred_at": "%s", "team_id": "%s", "provider": "replicate",
                 "model": "flux-schnell", "status": "success", "latency_ms": 5, "cost_usd": %s, "credits": %s}
                """.formatted(
                        requestId,
                        Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS),
                        team,
                        costUsd,
                        credits);
    }

    private io.restassured.response.ValidatableResponse post(String... events) {
        return given().header("x-api-key", key)
                .contentType(ContentType.JSON)
                .body("[" + String.join(",", events) + "]")
                .post("/v1/usage/events")
                .then()
                .statusCode(200);
    }

    private Map<String, Object> stored(String requestId) {
        return Db.query(
                        "select cost_usd::text as cost, credits::text as credits from usage_event"
                                + " where team_id = ? and request_id = ?",
                        team,
                        requestId)
                .get(0);
    }

    @Test
    void shouldStoreTheSameNumericFromANumberOrADecimalString() {
        post(
                        event("as_number", "0.125000000001", "12.345678"),
                        event("as_string", "\"0.125000000001\"", "\"12.345678\""))
                .body("accepted", equalTo(2));
        assertEquals("0.125000000001", stored("as_number").get("cost"));
        assertEquals(stored("as_number"), stored("as_string"));
        assertEquals("12.345678", stored("as_string").get("credits"));
    }

    @Test
    void shouldRejectANonDecimalStringNamingTheField() {
        post(
                        event("exponent", "\"1e3\"", "1"),
                        event("words", "\"cheap\"", "1"),
                        event("blank", "\" 0.5\"", "1"),
                        event("bad_credits", "0.5", "\"NaN\""),
                        event("negative", "\"-0.5\"", "1"))
                .body("accepted", equalTo(0))
                .body("rejected.size()", equalTo(5))
                .body("rejected[0].errors[0].field", equalTo("cost_usd"))
                .body("rejected[1].errors[0].field", equalTo("cost_usd"))
                .body("rejected[2].errors[0].field", equalTo("cost_usd"))
                .body("rejected[3].errors[0].field", equalTo("credits"))
                .body("rejected[4].errors[0].field", equalTo("cost_usd"))
                .body("rejected[4].errors[0].message", equalTo("must not be negative"));
    }
}
