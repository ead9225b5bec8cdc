package dev.gatewayreports.model.pricing;

import dev.gatewayreports.model.events.TokenCounts;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Prices usage exactly: units × USD per million ÷ 10⁶, in {@link BigDecimal}, with the price effective at the
 * moment of use. An organization's own entries for a (provider, model, token type) replace the list price.
 */
public final class PriceBook {
    private record Key(String orgId, String provider, String model, TokenType type) {}

    private record ModelKey(String orgId, String provider, String model) {}

    private final Map<Key, NavigableMap<Instant, BigDecimal>> prices = new HashMap<>();
    private final Map<ModelKey, Boolean> models = new HashMap<>();

    public PriceBook(Collection<PriceEntry> entries) {
        for (PriceEntry e : entries) {
            prices.computeIfAbsent(new Key(e.orgId(), e.provider(), e.model(), e.tokenType()), k -> new TreeMap<>())
                    .put(e.effectiveFrom(), e.usdPerMillion());
            models.put(new ModelKey(e.orgId(), e.provider(), e.model()), Boolean.TRUE);
        }
    }

    /**
     * The cost of {@code tokens} of a model at {@code at}: priced when the book knows a price, effective at
     * that instant, for every token type the event used; otherwise unpriced.
     */
    public CostBreakdown price(String orgId, String provider, String model, Instant at, TokenCounts tokens) {
        if (!models.containsKey(new ModelKey(orgId, provider, model))
                && !models.containsKey(new ModelKey(null, provider, model))) {
            return CostBreakdown.unpriced();
        }
        EnumMap<TokenType, BigDecimal> components = new EnumMap<>(TokenType.class);
        for (TokenType type : TokenType.values()) {
            long units = type.countIn(tokens);
            if (units == 0) {
                continue;
            }
            BigDecimal perMillion = unitPrice(orgId, provider, model, type, at);
            if (perMillion == null) {
                return CostBreakdown.unpriced();
            }
            components.put(type, BigDecimal.valueOf(units).multiply(perMillion).movePointLeft(6));
        }
        return CostBreakdown.priced(components);
    }

    private BigDecimal unitPrice(String orgId, String provider, String model, TokenType type, Instant at) {
        if (orgId != null) {
            BigDecimal own = effective(new Key(orgId, provider, model, type), at);
            if (own != null) {
                return own;
            }
        }
        return effective(new Key(null, provider, model, type), at);
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
