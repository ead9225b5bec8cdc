package dev.gatewayreports.reportapi.admin;

import dev.gatewayreports.model.time.Timestamps;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * {@code starting_at} and {@code ending_at}, the window both admin reports take, bound and checked once (a
 * {@code @BeanParam} inside {@link UsageReportParams} and {@link CostReportParams}; the cost report's buckets are
 * days).
 */
public record PeriodParams(
        @QueryParam("starting_at")
        @NotBlank(message = "is required (an RFC 3339 timestamp)")
        @Rfc3339
        @Parameter(
                required = true,
                description = "Buckets from the one holding this instant (snapped down to the bucket width, UTC; the"
                        + " cost report's buckets are days)",
                example = "2025-01-01T00:00:00Z",
                schema = @Schema(type = SchemaType.STRING, format = "date-time"))
        String startingAt,

        @QueryParam("ending_at")
        @Rfc3339
        @Parameter(
                description = "Buckets that end at or before this instant; without it, through the bucket holding now",
                example = "2025-01-08T00:00:00Z",
                schema = @Schema(type = SchemaType.STRING, format = "date-time"))
        String endingAt) {

    /** {@code starting_at}, once it has passed its checks. */
    Instant start() {
        return Timestamps.parse(startingAt);
    }

    /** {@code ending_at}, or null without one. */
    Instant end() {
        return endingAt == null || endingAt.isBlank() ? null : Timestamps.parse(endingAt);
    }
}
