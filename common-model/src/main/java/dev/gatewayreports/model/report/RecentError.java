package dev.gatewayreports.model.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One of the 100 newest errors (http_status null when unknown). */
@Schema(name = "ReportRecentError")
@JsonSerialize(using = ReportSerializer.class)
public record RecentError(
        @JsonProperty("request_id") String requestId,
        @JsonProperty("occurred_at") String occurredAt,
        @JsonProperty("provider") String provider,
        @JsonProperty("model") String model,
        @JsonProperty("error_type") String errorType,
        @JsonProperty("http_status") Integer httpStatus,
        @JsonProperty("error_message") String errorMessage,
        @JsonProperty("latency_ms") BigDecimal latencyMs)
        implements ReportPart {

    /** The fields, in component order whatever the type. */
    public static final ReportFields<RecentError> FIELDS = ReportFields.fixed(
            ReportColumn.REQUEST_ID.of(RecentError::requestId),
            ReportColumn.OCCURRED_AT.of(RecentError::occurredAt),
            ReportColumn.PROVIDER.of(RecentError::provider),
            ReportColumn.MODEL.of(RecentError::model),
            ReportColumn.ERROR_TYPE.of(RecentError::errorType),
            ReportColumn.HTTP_STATUS.of(RecentError::httpStatus),
            ReportColumn.ERROR_MESSAGE.of(RecentError::errorMessage),
            ReportColumn.LATENCY_MS.of(RecentError::latencyMs));
}
