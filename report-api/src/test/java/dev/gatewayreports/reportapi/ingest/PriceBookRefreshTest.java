package dev.gatewayreports.reportapi.ingest;

import static dev.gatewayreports.reportapi.support.Events.event;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A price another replica added (committed to the database, not through this process) prices this replica's ingest
 * within {@link PriceBookCache#REFRESH}, by the scheduled reload alone: nothing here calls a refresh.
 */
@QuarkusTest
class PriceBookRefreshTest {
    private String org;
    private String team;
    private String key;

    @BeforeEach
    void tenant() {
        org = Tenants.newOrg();
        team = Tenants.newTeam();
        key = Tenants.serviceKey(org, "ingest");
    }

    private BigDecimal ingestedCost() {
        Map<String, Object> e = event(team)
                .with("input_tokens", 100_000)
                .with("output_tokens", 0)
                .build();
        given().header("x-api-key", key)
                .contentType(ContentType.JSON)
                .body(List.of(e))
                .post("/v1/usage/events")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(1));
        return (BigDecimal) Db.query(
                        "select cost_usd from usage_event where team_id = ? and request_id = ?",
                        team,
                        e.get("request_id"))
                .get(0)
                .get("cost_usd");
    }

    @Test
    void shouldApplyAnotherReplicasNewPriceWithinTheRefreshInterval() throws InterruptedException {
        assertTrue(new BigDecimal("0.3").compareTo(ingestedCost()) == 0, "list price $3 per million input");
        Db.execute(
                "insert into price (org_id, provider, model, token_type, usd_per_million, effective_from)"
                        + " values (?, 'anthropic', 'claude-sonnet-4-5', 'input', 2.4, 'epoch')",
                org);
        long added = System.nanoTime();
        Duration limit = Duration.parse("PT" + PriceBookCache.REFRESH).plusSeconds(2);
        while (new BigDecimal("0.24").compareTo(ingestedCost()) != 0) {
            Duration waited = Duration.ofNanos(System.nanoTime() - added);
            assertTrue(waited.compareTo(limit) < 0, "the new price was not used after " + waited);
            Thread.sleep(500);
        }
    }
}
