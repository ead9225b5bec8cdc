package dev.gatewayreports.model.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One model with at least one error, of error_details.by_model. */
@Schema(name = "ReportModelErrorRow")
@JsonSerialize(using = ReportSerializer.class)
public record ModelErrorRow(
        @JsonProperty("model") String model,
        @JsonProperty("provider") String provider,
        @JsonProperty("requests") long requests,
        @JsonProperty("errors") long errors,
        @JsonProperty("error_rate") BigDecimal errorRate)
        implements ReportPart {

    /** The fields, in component order whatever the type. */
    public static final ReportFields<ModelErrorRow> FIELDS = ReportFields.fixed(
            ReportColumn.MODEL.of(ModelErrorRow::model),
            ReportColumn.PROVIDER.of(ModelErrorRow::provider),
            ReportColumn.REQUESTS.of(ModelErrorRow::requests),
            ReportColumn.ERRORS.of(ModelErrorRow::errors),
            ReportColumn.ERROR_RATE.of(ModelErrorRow::errorRate));
}
