package dev.gatewayreports.model.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One provider of by_provider; percentage of the period's requests. */
@Schema(name = "ReportProviderRow")
@JsonSerialize(using = ReportSerializer.class)
public record ProviderRow(
        @JsonProperty("provider") String provider,
        @JsonProperty("requests") long requests,
        @JsonProperty("percentage") BigDecimal percentage,
        @JsonProperty("credits") BigDecimal credits,
        @JsonProperty("cost_usd") BigDecimal costUsd)
        implements ReportPart {

    /** The fields, in component order; a type's focus follows the provider. */
    public static final ReportFields<ProviderRow> FIELDS = ReportFields.focused(
            1,
            List.of(
                    ReportColumn.PROVIDER.of(ProviderRow::provider),
                    ReportColumn.REQUESTS.of(ProviderRow::requests),
                    ReportColumn.PERCENTAGE.of(ProviderRow::percentage),
                    ReportColumn.CREDITS.of(ProviderRow::credits),
                    ReportColumn.COST_USD.of(ProviderRow::costUsd)));
}
