package dev.gatewayreports.model.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The performance section's figures over every model (milliseconds; null without requests). */
@Schema(name = "ReportLatency")
@JsonSerialize(using = ReportSerializer.class)
public record Latency(
        @JsonProperty("requests") long requests,
        @JsonProperty("avg_latency_ms") BigDecimal avgLatencyMs,
        @JsonProperty("p50_latency_ms") BigDecimal p50LatencyMs,
        @JsonProperty("p95_latency_ms") BigDecimal p95LatencyMs,
        @JsonProperty("p99_latency_ms") BigDecimal p99LatencyMs,
        @JsonProperty("max_latency_ms") BigDecimal maxLatencyMs)
        implements ReportPart {

    /** The fields, in component order whatever the type. */
    public static final ReportFields<Latency> FIELDS = ReportFields.fixed(
            ReportColumn.REQUESTS.of(Latency::requests),
            ReportColumn.AVG_LATENCY_MS.of(Latency::avgLatencyMs),
            ReportColumn.P50_LATENCY_MS.of(Latency::p50LatencyMs),
            ReportColumn.P95_LATENCY_MS.of(Latency::p95LatencyMs),
            ReportColumn.P99_LATENCY_MS.of(Latency::p99LatencyMs),
            ReportColumn.MAX_LATENCY_MS.of(Latency::maxLatencyMs));
}
