package dev.gatewayreports.model.pricing;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One row of the price book.
 *
 * @param orgId null for the list price, else the organization whose override this is
 */
public record PriceEntry(
        String orgId,
        String provider,
        String model,
        TokenType tokenType,
        BigDecimal usdPerMillion,
        Instant effectiveFrom) {}
