package dev.gatewayreports.model.pricing;

import dev.gatewayreports.model.events.ServiceTier;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One row of the price book.
 *
 * @param orgId null for the list price, else the organization whose override this is
 * @param tier the service tier the price is for ({@link ServiceTier#STANDARD} for most rows)
 * @param longContext true for the rate of requests of more than {@link PriceBook#LONG_CONTEXT_INPUT_TOKENS} input
 *     tokens
 */
public record PriceEntry(
        String orgId,
        String provider,
        String model,
        TokenType tokenType,
        ServiceTier tier,
        boolean longContext,
        BigDecimal usdPerMillion,
        Instant effectiveFrom) {

    /** A standard, short-context price. */
    public PriceEntry(
            String orgId,
            String provider,
            String model,
            TokenType tokenType,
            BigDecimal usdPerMillion,
            Instant effectiveFrom) {
        this(orgId, provider, model, tokenType, ServiceTier.STANDARD, false, usdPerMillion, effectiveFrom);
    }
}
