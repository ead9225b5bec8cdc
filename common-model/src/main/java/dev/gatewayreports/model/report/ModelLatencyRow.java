package dev.gatewayreports.model.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import java.util.List;
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
        @JsonProperty("max_latency_ms") BigDecimal maxLatencyMs)
        implements ReportPart {

    /** The fields, in component order; a type's focus follows the model and provider. */
    public static final ReportFields<ModelLatencyRow> FIELDS = ReportFields.focused(
            2,
            List.of(
                    ReportColumn.MODEL.of(ModelLatencyRow::model),
                    ReportColumn.PROVIDER.of(ModelLatencyRow::provider),
                    ReportColumn.REQUESTS.of(ModelLatencyRow::requests),
                    ReportColumn.AVG_LATENCY_MS.of(ModelLatencyRow::avgLatencyMs),
                    ReportColumn.P50_LATENCY_MS.of(ModelLatencyRow::p50LatencyMs),
                    ReportColumn.P95_LATENCY_MS.of(ModelLatencyRow::p95LatencyMs),
                    ReportColumn.P99_LATENCY_MS.of(ModelLatencyRow::p99LatencyMs),
                    ReportColumn.MAX_LATENCY_MS.of(ModelLatencyRow::maxLatencyMs)));
}
