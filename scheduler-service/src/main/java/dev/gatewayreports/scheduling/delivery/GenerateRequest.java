package dev.gatewayreports.scheduling.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The body of report-api's {@code POST /v1/reports/generate} for one delivery: its fixed period, always saved (a
 * retry mails the saved report again), as JSON (the file is downloaded separately).
 *
 * Registered for reflection: Jackson writes it in a native image too.
 *
 * @param sections the schedule's sections object, or null for report-api's defaults (then not sent)
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GenerateRequest(
        @JsonProperty("report_type") String reportType,
        @JsonProperty("team_id") String teamId,
        @JsonProperty("start") String start,
        @JsonProperty("end") String end,
        @JsonProperty("timezone") String timezone,
        @JsonProperty("format") String format,
        @JsonProperty("save") boolean save,
        @JsonProperty("sections") JsonNode sections) {

    /** The request of a delivery, with its sections already parsed. */
    static GenerateRequest of(DeliveryRequest d, JsonNode sections) {
        return new GenerateRequest(
                d.reportType(),
                d.teamId(),
                d.periodStart().toString(),
                d.periodEnd().toString(),
                d.zone().getId(),
                "json",
                true,
                sections);
    }
}
