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
        @JsonProperty("recent_errors") List<RecentError> recentErrors) {}
