package dev.gatewayreports.model.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One model of performance.by_model. */
@Schema(name = "ReportModelLatencyRow")
@JsonSerialize(using = ReportSerializer.class)
public record ModelLatencyRow(
        @JsonProperty("model") String model,
        @JsonProperty("provider") String provider,
        @JsonProperty("requests") long requests,
        @JsonProperty("avg_latency_ms") BigDecimal avgLatencyMs,
        @JsonProperty("p50_latency_ms") BigDecimal p50LatencyMs,
        @JsonProperty("p95_latency_ms") BigDecimal p95LatencyMs,
        @JsonProperty("p99_latency_ms") BigDecimal p99LatencyMs,
        @JsonProperty("max_latency_ms") BigDecimal maxLatencyMs) {}
