package dev.gatewayreports.model.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The body of report-api's {@code POST /v1/reports/generate}: bound and validated by report-api, sent by
 * scheduler-service for each delivery. The period is either {@code days} whole local days before today (default 7)
 * or {@code start} and {@code end}; {@code timezone} defaults to UTC, {@code format} to json.
 *
 * @param teamId a team id, {@code all}, or null for the caller's teams
 * @param sections overrides of the type's default sections, or null for the defaults
 */
@ValidPeriod
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GenerateReportRequest(
        @JsonProperty("report_type")
        @NotNull(message = "report_type is required: " + GenerateReportRequest.TYPES)
        @Pattern(
                regexp = GenerateReportRequest.TYPE_PATTERN,
                message = "report_type must be " + GenerateReportRequest.TYPES)
        String reportType,

        @JsonProperty("team_id") String teamId,

        @Min(value = 1, message = "days must be between 1 and 366")
        @Max(value = 366, message = "days must be between 1 and 366")
        Integer days,

        String start,
        String end,
        @IanaTimeZone String timezone,

        @Pattern(regexp = "json|csv|xlsx", message = "format must be json, csv or xlsx")
        String format,

        Boolean save,
        @Valid ReportSections sections) {

    /** The report types, as a message names them. */
    public static final String TYPES = "usage, cost, performance, error or comprehensive";

    /** The report types report-api knows (its {@code ReportType}; a test there keeps the two alike). */
    public static final String TYPE_PATTERN = "usage|cost|performance|error|comprehensive";

    /** A saved JSON report of a fixed period, as the scheduler asks for one per delivery. */
    public static GenerateReportRequest savedPeriod(
            String reportType, String teamId, Instant start, Instant end, ZoneId zone, ReportSections sections) {
        return new GenerateReportRequest(
                reportType, teamId, null, start.toString(), end.toString(), zone.getId(), "json", true, sections);
    }

    /** Whether the report is to be saved (absent: not). */
    public boolean saved() {
        return Boolean.TRUE.equals(save);
    }
}
