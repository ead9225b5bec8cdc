package dev.gatewayreports.model.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One API key of by_api_key (api_key_id null: console traffic). */
@Schema(name = "ReportApiKeyRow")
@JsonSerialize(using = ReportSerializer.class)
public record ApiKeyRow(
        @JsonProperty("api_key_id") String apiKeyId,
        @JsonProperty("requests") long requests,
        @JsonProperty("percentage") BigDecimal percentage,
        @JsonProperty("credits") BigDecimal credits,
        @JsonProperty("cost_usd") BigDecimal costUsd) {}
