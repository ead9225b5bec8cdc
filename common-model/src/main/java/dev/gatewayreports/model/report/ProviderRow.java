package dev.gatewayreports.model.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One provider of by_provider; percentage of the period's requests. */
@Schema(name = "ReportProviderRow")
@JsonSerialize(using = ReportSerializer.class)
public record ProviderRow(
        @JsonProperty("provider") String provider,
        @JsonProperty("requests") long requests,
        @JsonProperty("percentage") BigDecimal percentage,
        @JsonProperty("credits") BigDecimal credits,
        @JsonProperty("cost_usd") BigDecimal costUsd) {}
