package dev.gatewayreports.reportapi.ingest;

import static dev.gatewayreports.reportapi.support.Events.event;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Costs are checked against hand-computed values from published list prices, not against the code's query. */
@QuarkusTest
class PricingTest {
    @Inject
    PriceBookCache prices;

    private String org;
    private String team;
    private String key;

    @BeforeEach
    void tenant() {
        org = Tenants.newOrg();
        team = Tenants.newTeam();
        key = Tenants.serviceKey(org, "ingest");
    }

    private Map<String, Object> stored(Map<String, Object> event) {
        given().header("x-api-key", key)
                .contentType(ContentType.JSON)
                .body(List.of(event))
                .post("/v1/usage/events")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(1));
        return Db.query("select * from usage_event where team_id = ? and request_id = ?", team, event.get("request_id"))
                .get(0);
    }

    private static void assertMoney(String expected, Object actual) {
        assertEquals(0, new BigDecimal(expected).compareTo((BigDecimal) actual), () -> expected + " != " + actual);
    }

    @Test
    void shouldPriceEveryTokenTypeExactly() {
        // claude-sonnet-4-5: $3 in, $15 out, $0.30 cache read, $3.75 5m write, $6 1h write, $10 per 1k searches.
        Map<String, Object> row = stored(event(team)
                .with("input_tokens", 1234)
                .with("output_tokens", 567)
                .with("cache_read_input_tokens", 10_000)
                .with("cache_creation_5m_input_tokens", 2_000)
                .with("cache_creation_1h_input_tokens", 1_000)
                .with("web_search_requests", 3)
                .build());
        assertEquals("price_book", row.get("cost_source"));
        assertMoney("0.003702", row.get("cost_input_usd"));
        assertMoney("0.008505", row.get("cost_output_usd"));
        assertMoney("0.003", row.get("cost_cache_read_usd"));
        assertMoney("0.0075", row.get("cost_cache_creation_5m_usd"));
        assertMoney("0.006", row.get("cost_cache_creation_1h_usd"));
        assertMoney("0.03", row.get("cost_web_search_usd"));
        assertMoney("0.058707", row.get("cost_usd"));
    }

    @Test
    void shouldUseThePriceEffectiveWhenTheEventHappened() {
        // gemini-2.5-flash: $0.15/$0.60 before 2025-06-17, $0.30/$2.50 from then on.
        Map<String, Object> before = stored(event(team)
                .with("provider", "google")
                .with("model", "gemini-2.5-flash")
                .with("occurred_at", "2025-06-16T23:59:59Z")
                .with("input_tokens", 1_000_000)
                .with("output_tokens", 1_000_000)
                .build());
        Map<String, Object> after = stored(event(team)
                .with("provider", "google")
                .with("model", "gemini-2.5-flash")
                .with("occurred_at", "2025-06-17T00:00:00Z")
                .with("input_tokens", 1_000_000)
                .with("output_tokens", 1_000_000)
                .build());
        assertMoney("0.75", before.get("cost_usd"));
        assertMoney("2.80", after.get("cost_usd"));
    }

    @Test
    void shouldPreferAnOrganizationsOwnPrice() {
        Db.execute(
                "insert into price (org_id, provider, model, token_type, usd_per_million, effective_from)"
                        + " values (?, 'anthropic', 'claude-sonnet-4-5', 'input', 2.4, 'epoch')",
                org);
        prices.refresh();
        Map<String, Object> row = stored(
                event(team).with("input_tokens", 1_000).with("output_tokens", 0).build());
        assertMoney("0.0024", row.get("cost_usd"));
    }

    @Test
    void shouldKeepReportedCostAsSent() {
        Map<String, Object> row = stored(event(team)
                .with("provider", "replicate")
                .with("model", "flux-schnell")
                .with("cost_usd", new BigDecimal("0.003"))
                .without("input_tokens")
                .without("output_tokens")
                .build());
        assertEquals("reported", row.get("cost_source"));
        assertMoney("0.003", row.get("cost_usd"));
        assertNull(row.get("cost_input_usd"));
    }

    @Test
    void shouldLeaveUnknownModelUnpriced() {
        Map<String, Object> row =
                stored(event(team).with("model", "not-in-the-book").build());
        assertEquals("unpriced", row.get("cost_source"));
        assertNull(row.get("cost_usd"));
    }

    @Test
    void shouldPriceBatchAtHalfTheStandardRate() {
        // claude-sonnet-4-5: 1,234 in × $3 + 567 out × $15 = $0.012207 standard, $0.0061035 in batch.
        Map<String, Object> row = stored(event(team)
                .with("service_tier", "batch")
                .with("input_tokens", 1234)
                .with("output_tokens", 567)
                .build());
        assertMoney("0.0018510", row.get("cost_input_usd"));
        assertMoney("0.0061035", row.get("cost_usd"));
    }

    @Test
    void shouldPriceALongRequestAtTheLongContextRate() {
        // V22's long-context list rate of claude-sonnet-4-5: $6 in, $22.50 out. 250,000 in > 200k:
        // 0.25 × $6 + 0.001 × $22.50 = $1.5225 (at the ordinary rate it would be $0.765).
        Map<String, Object> row = stored(event(team)
                .with("input_tokens", 250_000)
                .with("output_tokens", 1_000)
                .build());
        assertMoney("1.5", row.get("cost_input_usd"));
        assertMoney("0.0225", row.get("cost_output_usd"));
        assertMoney("1.5225", row.get("cost_usd"));
    }

    @Test
    void shouldPriceCodeExecutionPerContainerHour() {
        // claude-sonnet-4-5: $0.05 per container-hour (V26). 1.25 h → $0.0625; with 1,000 in × $3 = $0.003.
        Map<String, Object> number = stored(event(team)
                .with("input_tokens", 1_000)
                .with("output_tokens", 0)
                .with("code_execution_hours", new BigDecimal("1.25"))
                .build());
        assertMoney("1.25", number.get("code_execution_hours"));
        assertMoney("0.0625", number.get("cost_code_execution_usd"));
        assertMoney("0.0655", number.get("cost_usd"));
        // A decimal string is the same exact value; 0.000001 h (the finest ingest takes) → $0.00000005.
        Map<String, Object> text = stored(event(team)
                .with("input_tokens", 0)
                .with("output_tokens", 0)
                .with("code_execution_hours", "0.000001")
                .build());
        assertMoney("0.000001", text.get("code_execution_hours"));
        assertMoney("0.00000005", text.get("cost_code_execution_usd"));
        assertMoney("0.00000005", text.get("cost_usd"));
        // Absent and 0: no hours, no component (null, as web search's when unused), the tokens' cost only.
        Map<String, Object> absent =
                stored(event(team).with("input_tokens", 1_000).build());
        assertMoney("0", absent.get("code_execution_hours"));
        assertNull(absent.get("cost_code_execution_usd"));
        Map<String, Object> zero = stored(event(team)
                .with("input_tokens", 1_000)
                .with("code_execution_hours", 0)
                .build());
        assertMoney("0", zero.get("code_execution_hours"));
        assertNull(zero.get("cost_code_execution_usd"));
    }

    @Test
    void shouldPriceCodeExecutionInBatchAtHalfAndWithAnOrganizationsOwnRate() {
        // Batch: half of $0.05 → 2 h = $0.05.
        Map<String, Object> batch = stored(event(team)
                .with("service_tier", "batch")
                .with("input_tokens", 0)
                .with("output_tokens", 0)
                .with("code_execution_hours", "2")
                .build());
        assertMoney("0.05", batch.get("cost_code_execution_usd"));
        // The organization's own $0.04 per hour (40,000 per million hours): 2 h → $0.08.
        Db.execute(
                "insert into price (org_id, provider, model, token_type, usd_per_million, effective_from)"
                        + " values (?, 'anthropic', 'claude-sonnet-4-5', 'code_execution', 40000, 'epoch')",
                org);
        prices.refresh();
        Map<String, Object> own = stored(event(team)
                .with("input_tokens", 0)
                .with("output_tokens", 0)
                .with("code_execution_hours", 2)
                .build());
        assertMoney("0.08", own.get("cost_code_execution_usd"));
        assertMoney("0.08", own.get("cost_usd"));
    }
}
