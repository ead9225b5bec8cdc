package dev.gatewayreports.reportapi.prices;

import static dev.gatewayreports.reportapi.support.Events.event;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.reportapi.support.Tokens;
import dev.gatewayreports.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An org admin's own prices through the API: validated, audited, organization-scoped, and used by later ingest. */
@QuarkusTest
class PricesResourceTest {
    private static final String PRICES = "/v1/admin/prices";

    private String org;
    private String admin;
    private String team;
    private String ingestKey;

    @BeforeEach
    void tenant() {
        org = Tenants.newOrg();
        admin = Tokens.orgAdmin(org);
        team = Tenants.newTeam();
        ingestKey = Tenants.serviceKey(org, "ingest");
    }

    private static ValidatableResponse add(String token, String json) {
        return given().header("Authorization", Tokens.bearer(token))
                .contentType(ContentType.JSON)
                .body(json)
                .post(PRICES)
                .then();
    }

    /** A sonnet-4-5 input price of the organization, the money written into the JSON as given. */
    private static String inputPrice(String usd, String effectiveFrom) {
        return """
                {"provider": "anthropic", "model": "claude-sonnet-4-5", "token_type": "input",
                 "usd_per_million": %s, "effective_from": "%s"}
                """.formatted(usd, effectiveFrom);
    }

    /** Ingests one sonnet-4-5 event of 100,000 input tokens and answers its stored cost. */
    private BigDecimal ingestedCost() {
        Map<String, Object> e = event(team)
                .with("input_tokens", 100_000)
                .with("output_tokens", 0)
                .build();
        given().header("x-api-key", ingestKey)
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

    private static void assertMoney(String expected, BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), () -> expected + " != " + actual);
    }

    @Test
    void shouldPriceLaterEventsWithANewPriceAndKeepEarlierCosts() {
        // list price $3 per million input tokens: 100,000 tokens cost $0.30
        assertMoney("0.3", ingestedCost());
        add(admin, inputPrice("\"2.40\"", "2020-01-01T00:00:00Z"))
                .statusCode(201)
                .body("owner", equalTo("organization"))
                .body("usd_per_million", equalTo("2.4"))
                .body("service_tier", equalTo("standard"))
                .body("long_context", equalTo(false))
                .body("effective_from", equalTo("2020-01-01T00:00:00Z"));
        assertMoney("0.24", ingestedCost());
        // the event stored before keeps the cost it was priced at
        assertEquals(1, Db.count("select count(*) from usage_event where team_id = ? and cost_usd = 0.3", team));
        assertEquals(
                1,
                Db.count(
                        "select count(*) from audit_event where org_id = ? and action = 'price.added'"
                                + " and details ->> 'usd_per_million' = '2.4'",
                        org));
        given().header("Authorization", Tokens.bearer(admin))
                .queryParam("model", "claude-sonnet-4-5")
                .get(PRICES)
                .then()
                .statusCode(200)
                .body("findAll { it.owner == 'organization' }.usd_per_million", equalTo(List.of("2.4")))
                .body(
                        "findAll { it.owner == 'list' && it.token_type == 'input' && !it.long_context }"
                                + ".usd_per_million",
                        equalTo(List.of("3")))
                .body("model", everyItem(equalTo("claude-sonnet-4-5")));
    }

    @Test
    void shouldPriceCodeExecutionWithTheOrganizationsOwnRatePerContainerHour() {
        // The list price is $0.05 per container-hour, 50,000 per million hours; the organization's own: $0.03.
        given().header("Authorization", Tokens.bearer(admin))
                .queryParam("model", "claude-sonnet-4-5")
                .get(PRICES)
                .then()
                .statusCode(200)
                .body(
                        "findAll { it.owner == 'list' && it.token_type == 'code_execution' }.usd_per_million",
                        equalTo(List.of("50000")));
        add(admin, """
                        {"provider": "anthropic", "model": "claude-sonnet-4-5", "token_type": "code_execution",
                         "usd_per_million": "30000", "effective_from": "2020-01-01T00:00:00Z"}
                        """)
                .statusCode(201)
                .body("token_type", equalTo("code_execution"))
                .body("usd_per_million", equalTo("30000"));
        Map<String, Object> e = event(team)
                .with("input_tokens", 0)
                .with("output_tokens", 0)
                .with("code_execution_hours", "0.5")
                .build();
        given().header("x-api-key", ingestKey)
                .contentType(ContentType.JSON)
                .body(List.of(e))
                .post("/v1/usage/events")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(1));
        Map<String, Object> row = Db.query(
                        "select cost_usd, cost_code_execution_usd from usage_event where team_id = ? and request_id = ?",
                        team,
                        e.get("request_id"))
                .get(0);
        // 0.5 h × $0.03 = $0.015
        assertMoney("0.015", (BigDecimal) row.get("cost_code_execution_usd"));
        assertMoney("0.015", (BigDecimal) row.get("cost_usd"));
    }

    @Test
    void shouldStoreTheSameNumericFromANumberOrADecimalString() {
        add(admin, inputPrice("0.125001", "2024-01-01T00:00:00Z")).statusCode(201);
        add(admin, inputPrice("\"0.125001\"", "2024-02-01T00:00:00Z")).statusCode(201);
        List<Map<String, Object>> rows = Db.query(
                "select usd_per_million::text as usd from price where org_id = ? order by effective_from", org);
        assertEquals(List.of(Map.of("usd", "0.125001"), Map.of("usd", "0.125001")), rows);
    }

    @Test
    void shouldRejectBadInputNamingTheField() {
        String ok = inputPrice("1", "2024-01-01T00:00:00Z");
        add(admin, ok.replace("\"provider\": \"anthropic\",", ""))
                .statusCode(400)
                .body("error.field", equalTo("provider"));
        add(admin, ok.replace("\"input\"", "\"tokens\"")).statusCode(400).body("error.field", equalTo("token_type"));
        add(admin, inputPrice("\"cheap\"", "2024-01-01T00:00:00Z"))
                .statusCode(400)
                .body("error.field", equalTo("usd_per_million"));
        add(admin, inputPrice("\"1e3\"", "2024-01-01T00:00:00Z"))
                .statusCode(400)
                .body("error.field", equalTo("usd_per_million"));
        add(admin, inputPrice("-1", "2024-01-01T00:00:00Z"))
                .statusCode(400)
                .body("error.field", equalTo("usd_per_million"));
        add(admin, inputPrice("0.1234567", "2024-01-01T00:00:00Z"))
                .statusCode(400)
                .body("error.field", equalTo("usd_per_million"));
        add(admin, inputPrice("1", "yesterday")).statusCode(400).body("error.field", equalTo("effective_from"));
        add(admin, inputPrice("1", "2024-01-01T00:00:00"))
                .statusCode(400)
                .body("error.field", equalTo("effective_from"));
        add(admin, ok.replace("{", "{\"service_tier\": \"gold\","))
                .statusCode(400)
                .body("error.field", equalTo("service_tier"));
        add(admin, ok.replace("{", "{\"long_context\": \"maybe\","))
                .statusCode(400)
                .body("error.field", equalTo("long_context"));
        add(admin, "{not json").statusCode(400).body("error.field", equalTo("body"));
        add(admin, ok).statusCode(201);
        add(admin, ok).statusCode(409).body("error.field", equalTo("effective_from"));
        assertEquals(1, Db.count("select count(*) from price where org_id = ?", org));
    }

    @Test
    void shouldKeepAnOrganizationsPricesToItself() {
        long id = ((Number) add(admin, inputPrice("2.40", "2020-01-01T00:00:00Z"))
                        .statusCode(201)
                        .extract()
                        .path("price_id"))
                .longValue();
        String other = Tenants.newOrg();
        String otherAdmin = Tokens.orgAdmin(other);
        given().header("Authorization", Tokens.bearer(otherAdmin))
                .get(PRICES)
                .then()
                .statusCode(200)
                .body("owner", not(hasItem("organization")))
                .body("price_id", not(hasItem((int) id)));
        given().header("Authorization", Tokens.bearer(otherAdmin))
                .delete(PRICES + "/" + id)
                .then()
                .statusCode(404);
        // another organization's events keep the list price
        team = Tenants.newTeam();
        ingestKey = Tenants.serviceKey(other, "ingest");
        assertMoney("0.3", ingestedCost());
    }

    @Test
    void shouldDeleteOnlyAPriceNotInEffectYet() {
        String future = Instant.now()
                .plus(30, ChronoUnit.DAYS)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        long pending = ((Number) add(admin, inputPrice("2", future)).extract().path("price_id")).longValue();
        long inEffect = ((Number) add(admin, inputPrice("2", "2020-01-01T00:00:00Z"))
                        .extract()
                        .path("price_id"))
                .longValue();
        given().header("Authorization", Tokens.bearer(admin))
                .delete(PRICES + "/" + inEffect)
                .then()
                .statusCode(409)
                .body("error.field", equalTo("price_id"));
        given().header("Authorization", Tokens.bearer(admin))
                .delete(PRICES + "/" + pending)
                .then()
                .statusCode(204);
        assertEquals(1, Db.count("select count(*) from price where org_id = ?", org));
        assertEquals(
                1, Db.count("select count(*) from audit_event where org_id = ? and action = 'price.deleted'", org));
        long listPrice = ((Number) Db.query("select min(price_id) as id from price where org_id is null")
                        .get(0)
                        .get("id"))
                .longValue();
        given().header("Authorization", Tokens.bearer(admin))
                .delete(PRICES + "/" + listPrice)
                .then()
                .statusCode(404);
    }

    @Test
    void shouldForbidEveryoneButOrgAdmins() {
        for (String role : List.of("member", "team_admin")) {
            String token = Tokens.user(org, List.of(team), role);
            given().header("Authorization", Tokens.bearer(token))
                    .get(PRICES)
                    .then()
                    .statusCode(403);
            add(token, inputPrice("1", "2024-01-01T00:00:00Z")).statusCode(403);
        }
        given().get(PRICES).then().statusCode(401);
        given().header("x-api-key", ingestKey).get(PRICES).then().statusCode(403);
        assertEquals(0, Db.count("select count(*) from price where org_id = ?", org));
    }

    @Test
    void shouldBeDocumentedInOpenApi() {
        given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("paths.'/v1/admin/prices'.get.summary", notNullValue())
                .body("paths.'/v1/admin/prices'.post.responses.'409'", notNullValue())
                .body("paths.'/v1/admin/prices/{price_id}'.delete.responses.'204'", notNullValue());
    }
}
