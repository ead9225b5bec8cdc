package dev.gatewayreports.model.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One error type of error_details.by_error_type; percentage of the errors. */
@Schema(name = "ReportErrorTypeRow")
@JsonSerialize(using = ReportSerializer.class)
public record ErrorTypeRow(
        @JsonProperty("error_type") String errorType,
        @JsonProperty("errors") long errors,
        @JsonProperty("percentage") BigDecimal percentage)
        implements ReportPart {

    /** The fields, in component order whatever the type. */
    public static final ReportFields<ErrorTypeRow> FIELDS = ReportFields.fixed(
            ReportColumn.ERROR_TYPE.of(ErrorTypeRow::errorType),
            ReportColumn.ERRORS.of(ErrorTypeRow::errors),
            ReportColumn.PERCENTAGE.of(ErrorTypeRow::percentage));
}
