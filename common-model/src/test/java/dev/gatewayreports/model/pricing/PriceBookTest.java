package dev.gatewayreports.model.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatewayreports.model.events.ContextWindow;
import dev.gatewayreports.model.events.ServiceTier;
import dev.gatewayreports.model.events.TokenCounts;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The variants of the book, each expected value worked out by hand from the published rates in the comment above
 * it (not by the code under test): batch at half the standard rate unless the book has a batch rate, priority at its
 * own rate, long context for every token of a request of more than 200,000 input tokens, all effective-dated.
 */
class PriceBookTest {
    private static final Instant EPOCH = Instant.EPOCH;
    private static final Instant JUNE = Instant.parse("2025-06-01T00:00:00Z");
    private static final Instant JULY = Instant.parse("2025-07-01T00:00:00Z");

    private static final List<PriceEntry> LIST = new ArrayList<>();

    static {
        // Sonnet: $3 in, $15 out, $0.30 cache read, $3.75 5m write; long context $6 / $22.50 / $0.60 / $7.50.
        standard("input", "3");
        standard("output", "15");
        standard("cache_read", "0.30");
        standard("cache_creation_5m", "3.75");
        standard("web_search", "10000");
        // Code execution: $0.05 per container-hour = $50,000 per million hours.
        standard("code_execution", "50000");
        longContext("input", "6");
        longContext("output", "22.50");
        longContext("cache_read", "0.60");
        longContext("cache_creation_5m", "7.50");
        // Priority tier from July only: $4.20 in, $21 out.
        LIST.add(entry(null, "input", ServiceTier.PRIORITY, false, "4.20", JULY));
        LIST.add(entry(null, "output", ServiceTier.PRIORITY, false, "21", JULY));
    }

    private static void standard(String type, String usd) {
        LIST.add(entry(null, type, ServiceTier.STANDARD, false, usd, EPOCH));
    }

    private static void longContext(String type, String usd) {
        LIST.add(entry(null, type, ServiceTier.STANDARD, true, usd, EPOCH));
    }

    private static PriceEntry entry(
            String org, String type, ServiceTier tier, boolean longContext, String usd, Instant from) {
        TokenType tokenType = List.of(TokenType.values()).stream()
                .filter(t -> t.wire().equals(type))
                .findFirst()
                .orElseThrow();
        return new PriceEntry(
                org, "anthropic", "claude-sonnet-4-5", tokenType, tier, longContext, new BigDecimal(usd), from);
    }

    private static BigDecimal cost(List<PriceEntry> entries, ServiceTier tier, ContextWindow window, TokenCounts t) {
        return cost(entries, null, JUNE, tier, window, t);
    }

    private static BigDecimal cost(
            List<PriceEntry> entries, String org, Instant at, ServiceTier tier, ContextWindow window, TokenCounts t) {
        return new PriceBook(entries)
                .price(new PriceBook.Usage(org, "anthropic", "claude-sonnet-4-5", at, t, tier, window))
                .total();
    }

    private static void assertMoney(String expected, BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), () -> expected + " != " + actual);
    }

    private static TokenCounts tokens(long input, long cacheRead, long cache5m, long output, long searches) {
        return new TokenCounts(input, cacheRead, cache5m, 0, output, searches);
    }

    private static TokenCounts hours(String hours) {
        return new TokenCounts(0, 0, 0, 0, 0, 0, new BigDecimal(hours));
    }

    @Test
    void shouldPriceCodeExecutionPerContainerHour() {
        // 1.5 h × $0.05 = $0.075; 0.000001 h (the finest unit ingest takes) × $0.05 = $0.00000005, exact.
        assertMoney("0.075", cost(LIST, ServiceTier.STANDARD, null, hours("1.5")));
        assertMoney("0.00000005", cost(LIST, ServiceTier.STANDARD, null, hours("0.000001")));
        // With tokens: 1,000 in × $3 = $0.003, + 2 h × $0.05 = $0.10; the component is kept apart.
        TokenCounts both = new TokenCounts(1_000, 0, 0, 0, 0, 0, new BigDecimal("2"));
        CostBreakdown priced = new PriceBook(LIST)
                .price(new PriceBook.Usage(
                        null, "anthropic", "claude-sonnet-4-5", JUNE, both, ServiceTier.STANDARD, null));
        assertMoney("0.103", priced.total());
        assertMoney("0.1", priced.component(TokenType.CODE_EXECUTION));
        // Batch: half the standard rate, as every token type: 1 h → $0.025.
        assertMoney("0.025", cost(LIST, ServiceTier.BATCH, null, hours("1")));
        // Long context has no code-execution rate of its own: the ordinary one.
        assertMoney("0.05", cost(LIST, ServiceTier.STANDARD, ContextWindow.FROM_200K_TO_1M, hours("1")));
    }

    @Test
    void shouldRoundAComponentBeyondTwelveDecimalsHalfUp() {
        // An organization's rate of $0.000001 per million hours × 0.5 h = 5e-13 USD: 1e-12 at the cost columns' 12
        // decimals (half up), and the total is that rounded part.
        List<PriceEntry> book = new ArrayList<>(LIST);
        book.add(entry("org_a", "code_execution", ServiceTier.STANDARD, false, "0.000001", EPOCH));
        BigDecimal total = cost(book, "org_a", JUNE, ServiceTier.STANDARD, null, hours("0.5"));
        assertEquals(new BigDecimal("0.000000000001"), total);
    }

    @Test
    void shouldPriceBatchAtHalfTheStandardRate() {
        // 1,000 in × $3 + 1,000 out × $15 = $0.018 standard; batch $0.009.
        assertMoney("0.018", cost(LIST, ServiceTier.STANDARD, null, tokens(1_000, 0, 0, 1_000, 0)));
        assertMoney("0.009", cost(LIST, ServiceTier.BATCH, null, tokens(1_000, 0, 0, 1_000, 0)));
        // 1 input token in batch: $0.0000015, exact (no rounding to a cent or a micro-dollar).
        assertMoney("0.0000015", cost(LIST, ServiceTier.BATCH, null, tokens(1, 0, 0, 0, 0)));
    }

    @Test
    void shouldPreferAnExplicitBatchPrice() {
        List<PriceEntry> book = new ArrayList<>(LIST);
        book.add(entry(null, "input", ServiceTier.BATCH, false, "1", EPOCH));
        // input at its batch entry $1 → $0.001; output has none: half of $15 → $0.0075.
        assertMoney("0.0085", cost(book, ServiceTier.BATCH, null, tokens(1_000, 0, 0, 1_000, 0)));
    }

    @Test
    void shouldPricePriorityAtItsOwnRateFromItsDate() {
        TokenCounts t = tokens(100_000, 0, 0, 100_000, 0);
        // from July: 0.1 × $4.20 + 0.1 × $21 = $2.52; before: the standard 0.1 × $3 + 0.1 × $15 = $1.80.
        assertMoney("2.52", cost(LIST, null, JULY, ServiceTier.PRIORITY, null, t));
        assertMoney("1.80", cost(LIST, null, JUNE, ServiceTier.PRIORITY, null, t));
    }

    @Test
    void shouldPriceEveryTokenOfALongRequestAtTheLongContextRate() {
        // 150,000 in + 40,000 cache read + 10,001 cache write = 200,001 input tokens > 200k: long context.
        // 0.15 × $6 + 0.04 × $0.60 + 0.010001 × $7.50 + 0.002 × $22.50 = 0.9 + 0.024 + 0.0750075 + 0.045.
        TokenCounts over = tokens(150_000, 40_000, 10_001, 2_000, 0);
        assertMoney("1.0440075", cost(LIST, ServiceTier.STANDARD, null, over));
        // 200,000 exactly is not over: 0.15 × $3 + 0.04 × $0.30 + 0.01 × $3.75 + 0.002 × $15.
        TokenCounts at = tokens(150_000, 40_000, 10_000, 2_000, 0);
        assertMoney("0.5295", cost(LIST, ServiceTier.STANDARD, null, at));
        // ... unless the gateway says the request ran in the 200k-1M window.
        // 0.15 × $6 + 0.04 × $0.60 + 0.01 × $7.50 + 0.002 × $22.50 = 0.9 + 0.024 + 0.075 + 0.045.
        assertMoney("1.044", cost(LIST, ServiceTier.STANDARD, ContextWindow.FROM_200K_TO_1M, at));
    }

    @Test
    void shouldKeepTheStandardRateWhereNoLongContextRateExists() {
        // web search has no long-context entry: 2 × $10,000 / 10⁶ = $0.02 beside 0.3 × $6 = $1.80.
        assertMoney("1.82", cost(LIST, ServiceTier.STANDARD, null, tokens(300_000, 0, 0, 0, 2)));
    }

    @Test
    void shouldHalveTheLongContextRateInBatch() {
        // 300,000 in × $6 × 0.5 + 10,000 out × $22.50 × 0.5 = 0.9 + 0.1125.
        assertMoney("1.0125", cost(LIST, ServiceTier.BATCH, null, tokens(300_000, 0, 0, 10_000, 0)));
    }

    @Test
    void shouldPreferTheOrganizationsOwnRateFromItsDate() {
        List<PriceEntry> book = new ArrayList<>(LIST);
        book.add(new PriceEntry(
                "org_a", "anthropic", "claude-sonnet-4-5", TokenType.INPUT, new BigDecimal("2.4"), JULY));
        TokenCounts t = tokens(100_000, 0, 0, 0, 0);
        // 0.1 × $2.40 from July; the list $3 before it and for every other organization.
        assertMoney("0.24", cost(book, "org_a", JULY, ServiceTier.STANDARD, null, t));
        assertMoney("0.3", cost(book, "org_a", JUNE, ServiceTier.STANDARD, null, t));
        assertMoney("0.3", cost(book, "org_b", JULY, ServiceTier.STANDARD, null, t));
        // the organization's standard rate is what its batch usage halves
        assertMoney("0.12", cost(book, "org_a", JULY, ServiceTier.BATCH, null, t));
    }
}
