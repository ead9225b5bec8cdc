package dev.gatewayreports.reportapi.prices;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One entry of the price book as an organization sees it: a list price, or one of its own.
 *
 * @param owner {@code list} (everyone's default) or {@code organization} (this organization's override)
 * @param usdPerMillion exact, as a decimal string
 * @param createdBy who added the organization's entry through the API (null for list prices)
 */
public record PriceResponse(
        @JsonProperty("price_id") long priceId,
        String owner,
        String provider,
        String model,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("service_tier") String serviceTier,
        @JsonProperty("long_context") boolean longContext,
        @JsonProperty("usd_per_million") String usdPerMillion,
        @JsonProperty("effective_from") Instant effectiveFrom,
        @JsonProperty("created_by") String createdBy,
        @JsonProperty("created_at") Instant createdAt) {

    static String money(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
