package dev.gatewayreports.model.pricing;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The USD cost of one event, exact, and where it came from.
 *
 * @param total null when the event is unpriced
 * @param components per token type, present only when the price book priced the event
 */
public record CostBreakdown(CostSource source, BigDecimal total, Map<TokenType, BigDecimal> components) {

    /** Where an event's cost came from. */
    public enum CostSource {
        REPORTED,
        PRICE_BOOK,
        UNPRICED;

        /** Spelled once: it is written for every event ingested. */
        private final String wire = name().toLowerCase(java.util.Locale.ROOT);

        public String wire() {
            return wire;
        }
    }

    public static CostBreakdown reported(BigDecimal total) {
        return new CostBreakdown(CostSource.REPORTED, total, Map.of());
    }

    public static CostBreakdown unpriced() {
        return new CostBreakdown(CostSource.UNPRICED, null, Map.of());
    }

    public static CostBreakdown priced(EnumMap<TokenType, BigDecimal> components) {
        BigDecimal total = components.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return new CostBreakdown(CostSource.PRICE_BOOK, total, Collections.unmodifiableMap(components));
    }

    /** The component of a token type, or null when the event was not priced by the book. */
    public BigDecimal component(TokenType type) {
        return components.get(type);
    }
}
