package dev.gatewayreports.model.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The error_details section. */
@Schema(name = "ReportErrorDetails")
@JsonSerialize(using = ReportSerializer.class)
public record ErrorDetails(
        @JsonProperty("total_requests") long totalRequests,
        @JsonProperty("failed_requests") long failedRequests,
        @JsonProperty("error_rate") BigDecimal errorRate,
        @JsonProperty("by_error_type") List<ErrorTypeRow> byErrorType,
        @JsonProperty("by_model") List<ModelErrorRow> byModel,
        @JsonProperty("recent_errors") List<RecentError> recentErrors)
        implements ReportPart {

    // The lists, each a table of its own, with its title (the XLSX sheet).
    public static final ReportField<ErrorDetails> BY_ERROR_TYPE =
            ReportField.part("by_error_type", "Errors by type", ErrorDetails::byErrorType);
    public static final ReportField<ErrorDetails> BY_MODEL =
            ReportField.part("by_model", "Errors by model", ErrorDetails::byModel);
    public static final ReportField<ErrorDetails> RECENT_ERRORS =
            ReportField.part("recent_errors", "Recent errors", ErrorDetails::recentErrors);

    /** The fields, in component order whatever the type. */
    public static final ReportFields<ErrorDetails> FIELDS = ReportFields.fixed(
            ReportColumn.TOTAL_REQUESTS.of(ErrorDetails::totalRequests),
            ReportColumn.FAILED_REQUESTS.of(ErrorDetails::failedRequests),
            ReportColumn.ERROR_RATE.of(ErrorDetails::errorRate),
            BY_ERROR_TYPE,
            BY_MODEL,
            RECENT_ERRORS);
}
