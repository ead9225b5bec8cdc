package dev.gatewayreports.model.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The report object. Instants are RFC 3339 UTC text exactly as generated, so a saved report reads back and writes
 * again byte for byte.
 *
 * @param reportId null for a quick report (not saved)
 * @param reportType usage, cost, performance, error or comprehensive
 * @param teamId the team, or {@code all} for an organization-wide report
 * @param data only the sections that {@code sections} marks true
 */
@Schema(name = "Report", description = "The report object (docs/report-object.md)")
@JsonSerialize(using = ReportSerializer.class)
public record Report(
        @JsonProperty("report_id") String reportId,
        @JsonProperty("report_type") String reportType,
        @JsonProperty("team_id") String teamId,
        @JsonProperty("timezone") String timezone,
        @JsonProperty("generated_at") String generatedAt,
        @JsonProperty("period_start") String periodStart,
        @JsonProperty("period_end") String periodEnd,
        @JsonProperty("sections") Sections sections,
        @JsonProperty("data") ReportData data) {

    /** The same report without the moment it was generated (what a quick report's ETag digests). */
    public Report withoutGeneratedAt() {
        return new Report(reportId, reportType, teamId, timezone, null, periodStart, periodEnd, sections, data);
    }
}
