package dev.gatewayreports.reportapi.prices;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * An organization's own price, effective from an instant until its next entry of the same key. Money is a JSON
 * number or a decimal string ({@code "2.40"}), exact either way.
 *
 * @param tokenType input, output, cache_read, cache_creation_5m, cache_creation_1h, web_search or code_execution
 * @param serviceTier standard (default), batch, priority or flex
 * @param longContext true for the rate of requests of more than 200,000 input tokens (default false)
 * @param usdPerMillion USD per million tokens (per million requests for web_search, per million container-hours for
 *     code_execution), at most 6 decimals
 * @param effectiveFrom RFC 3339 with an offset; events that happened at or after it are priced with it when ingested
 */
public record PriceRequest(
        @NotBlank @Size(max = 64) String provider,
        @NotBlank @Size(max = 128) String model,

        @JsonProperty("token_type")
        @NotNull
        @Pattern(
                regexp = "input|output|cache_read|cache_creation_5m|cache_creation_1h|web_search|code_execution",
                message = "must be one of input, output, cache_read, cache_creation_5m, cache_creation_1h,"
                        + " web_search, code_execution")
        String tokenType,

        @JsonProperty("service_tier")
        @Pattern(regexp = "standard|batch|priority|flex", message = "must be one of standard, batch, priority, flex")
        String serviceTier,

        @JsonProperty("long_context") Boolean longContext,

        @JsonProperty("usd_per_million")
        @NotNull
        @DecimalMin(value = "0", message = "must not be negative")
        @Digits(integer = 14, fraction = 6, message = "must have at most 14 digits and 6 decimals")
        BigDecimal usdPerMillion,

        @JsonProperty("effective_from") @NotBlank @Size(max = 64)
        String effectiveFrom) {}
