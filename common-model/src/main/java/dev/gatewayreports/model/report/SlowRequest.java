package dev.gatewayreports.model.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One of the 100 slowest requests (occurred_at: UTC instant). */
@Schema(name = "ReportSlowRequest")
@JsonSerialize(using = ReportSerializer.class)
public record SlowRequest(
        @JsonProperty("request_id") String requestId,
        @JsonProperty("occurred_at") String occurredAt,
        @JsonProperty("provider") String provider,
        @JsonProperty("model") String model,
        @JsonProperty("latency_ms") BigDecimal latencyMs,
        @JsonProperty("status") String status)
        implements ReportPart {

    /** The fields, in component order whatever the type. */
    public static final ReportFields<SlowRequest> FIELDS = ReportFields.fixed(
            ReportColumn.REQUEST_ID.of(SlowRequest::requestId),
            ReportColumn.OCCURRED_AT.of(SlowRequest::occurredAt),
            ReportColumn.PROVIDER.of(SlowRequest::provider),
            ReportColumn.MODEL.of(SlowRequest::model),
            ReportColumn.LATENCY_MS.of(SlowRequest::latencyMs),
            ReportColumn.STATUS.of(SlowRequest::status));
}
