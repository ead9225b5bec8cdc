package dev.gatewayreports.model.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One API key of by_api_key (api_key_id null: console traffic). */
@Schema(name = "ReportApiKeyRow")
@JsonSerialize(using = ReportSerializer.class)
public record ApiKeyRow(
        @JsonProperty("api_key_id") String apiKeyId,
        @JsonProperty("requests") long requests,
        @JsonProperty("percentage") BigDecimal percentage,
        @JsonProperty("credits") BigDecimal credits,
        @JsonProperty("cost_usd") BigDecimal costUsd)
        implements ReportPart {

    /** The fields, in component order; a type's focus follows the key. */
    public static final ReportFields<ApiKeyRow> FIELDS = ReportFields.focused(
            1,
            List.of(
                    ReportColumn.API_KEY_ID.of(ApiKeyRow::apiKeyId),
                    ReportColumn.REQUESTS.of(ApiKeyRow::requests),
                    ReportColumn.PERCENTAGE.of(ApiKeyRow::percentage),
                    ReportColumn.CREDITS.of(ApiKeyRow::credits),
                    ReportColumn.COST_USD.of(ApiKeyRow::costUsd)));
}
