package dev.gatewayreports.model.pricing;

import dev.gatewayreports.model.events.ContextWindow;
import dev.gatewayreports.model.events.ServiceTier;
import dev.gatewayreports.model.events.TokenCounts;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Prices usage exactly: units × USD per million ÷ 10⁶, in {@link BigDecimal} (to 12 decimals), with the price effective at the
 * moment of use. The rate of a token type is the first of these that the book holds at that moment:
 *
 * <ol>
 *   <li>the event's own variant (its service tier; long-context when it is one), the organization's entry before
 *       the list entry;
 *   <li>for a batch event, 50% of the standard price of the same context band (organization's, then list);
 *   <li>for a priority or flex event, the standard price of the same context band;
 *   <li>for a long-context event, the same three steps at the ordinary (short-context) rates.
 * </ol>
 *
 * An event is long-context when its input (uncached input, cache reads and cache writes) exceeds
 * {@value #LONG_CONTEXT_INPUT_TOKENS} tokens or its context window is {@code 200k-1M}: as Anthropic bills it, every
 * token of such a request, output included, is then priced at the long-context rate.
 */
public final class PriceBook {
    /** Input tokens above which a request pays the long-context rate. */
    public static final long LONG_CONTEXT_INPUT_TOKENS = 200_000;

    /** A batch event without a batch price pays this share of the standard price. */
    public static final BigDecimal BATCH_SHARE = new BigDecimal("0.5");

    /** Decimals of a stored cost (usage_event's cost columns are numeric(30, 12)). */
    public static final int COST_SCALE = 12;

    private record Key(
            String orgId, String provider, String model, TokenType type, ServiceTier tier, boolean longContext) {}

    private record ModelKey(String orgId, String provider, String model) {}

    private final Map<Key, NavigableMap<Instant, BigDecimal>> prices = new HashMap<>();
    private final Set<ModelKey> models = new HashSet<>();

    public PriceBook(Collection<PriceEntry> entries) {
        for (PriceEntry e : entries) {
            Key key = new Key(e.orgId(), e.provider(), e.model(), e.tokenType(), e.tier(), e.longContext());
            prices.computeIfAbsent(key, k -> new TreeMap<>()).put(e.effectiveFrom(), e.usdPerMillion());
            models.add(new ModelKey(e.orgId(), e.provider(), e.model()));
        }
    }

    /** The cost of standard-tier, short-context usage (see {@link #price(Usage)}). */
    public CostBreakdown price(String orgId, String provider, String model, Instant at, TokenCounts tokens) {
        return price(new Usage(orgId, provider, model, at, tokens, ServiceTier.STANDARD, null));
    }

    /** What one event used, and in which variant. */
    public record Usage(
            String orgId,
            String provider,
            String model,
            Instant at,
            TokenCounts tokens,
            ServiceTier tier,
            ContextWindow contextWindow) {}

    /**
     * The cost of an event's usage: priced when the book knows a rate, effective at that instant, for every token
     * type the event used; otherwise unpriced.
     */
    public CostBreakdown price(Usage usage) {
        if (!models.contains(new ModelKey(usage.orgId(), usage.provider(), usage.model()))
                && !models.contains(new ModelKey(null, usage.provider(), usage.model()))) {
            return CostBreakdown.unpriced();
        }
        boolean longContext = isLongContext(usage.tokens(), usage.contextWindow());
        EnumMap<TokenType, BigDecimal> components = new EnumMap<>(TokenType.class);
        for (TokenType type : TokenType.values()) {
            BigDecimal units = type.unitsIn(usage.tokens());
            if (units.signum() == 0) {
                continue;
            }
            BigDecimal perMillion = rate(usage, type, longContext);
            if (perMillion == null) {
                return CostBreakdown.unpriced();
            }
            components.put(type, component(units, perMillion));
        }
        return CostBreakdown.priced(components);
    }

    /**
     * units × USD per million ÷ 10⁶, at most {@value #COST_SCALE} decimals (the scale of the cost columns): exact
     * for tokens and web-search requests at list and organization rates (whole units, rates of at most 6 decimals);
     * code-execution hours (up to 6 decimals) and batch halves can go further and are rounded half up, as the
     * database would round them on storing, so an event's total is always the sum of its stored components.
     */
    static BigDecimal component(BigDecimal units, BigDecimal perMillion) {
        BigDecimal exact = units.multiply(perMillion).movePointLeft(6);
        return exact.scale() > COST_SCALE ? exact.setScale(COST_SCALE, RoundingMode.HALF_UP) : exact;
    }

    /** Whether a request pays the long-context rate: more than 200k input tokens, or the 200k-1M window. */
    public static boolean isLongContext(TokenCounts tokens, ContextWindow window) {
        long input = tokens.input() + tokens.cacheRead() + tokens.cacheCreation5m() + tokens.cacheCreation1h();
        return input > LONG_CONTEXT_INPUT_TOKENS || window == ContextWindow.FROM_200K_TO_1M;
    }

    private BigDecimal rate(Usage u, TokenType type, boolean longContext) {
        for (boolean band : longContext ? List.of(true, false) : List.of(false)) {
            BigDecimal own = effective(u, type, u.tier(), band);
            if (own != null) {
                return own;
            }
            if (u.tier() != ServiceTier.STANDARD) {
                BigDecimal standard = effective(u, type, ServiceTier.STANDARD, band);
                if (standard != null) {
                    return u.tier() == ServiceTier.BATCH ? standard.multiply(BATCH_SHARE) : standard;
                }
            }
        }
        return null;
    }

    /** The organization's entry of this variant effective at the event's instant, else the list entry's. */
    private BigDecimal effective(Usage u, TokenType type, ServiceTier tier, boolean longContext) {
        if (u.orgId() != null) {
            BigDecimal own = effective(new Key(u.orgId(), u.provider(), u.model(), type, tier, longContext), u.at());
            if (own != null) {
                return own;
            }
        }
        return effective(new Key(null, u.provider(), u.model(), type, tier, longContext), u.at());
    }

    private BigDecimal effective(Key key, Instant at) {
        NavigableMap<Instant, BigDecimal> history = prices.get(key);
        if (history == null) {
            return null;
        }
        Map.Entry<Instant, BigDecimal> entry = history.floorEntry(at);
        return entry == null ? null : entry.getValue();
    }
}
