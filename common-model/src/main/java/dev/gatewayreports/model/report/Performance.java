package dev.gatewayreports.model.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The performance section. */
@Schema(name = "ReportPerformance")
@JsonSerialize(using = ReportSerializer.class)
public record Performance(
        @JsonProperty("overall") Latency overall,
        @JsonProperty("by_model") List<ModelLatencyRow> byModel) implements ReportPart {

    /** The fields, in component order. */
    public static final ReportFields<Performance> FIELDS = ReportFields.fixed(
            ReportField.part("overall", "All models", Performance::overall),
            ReportField.part("by_model", "By model", Performance::byModel));
}
