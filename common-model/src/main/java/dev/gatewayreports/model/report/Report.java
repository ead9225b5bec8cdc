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
        @JsonProperty("data") ReportData data)
        implements ReportPart {

    public static final ReportField<Report> REPORT_ID = ReportColumn.REPORT_ID.of(Report::reportId);
    public static final ReportField<Report> REPORT_TYPE = ReportColumn.REPORT_TYPE.of(Report::reportType);
    public static final ReportField<Report> TEAM_ID = ReportColumn.TEAM_ID.of(Report::teamId);
    public static final ReportField<Report> TIMEZONE = ReportColumn.TIMEZONE.of(Report::timezone);
    public static final ReportField<Report> GENERATED_AT = ReportColumn.GENERATED_AT.of(Report::generatedAt);
    public static final ReportField<Report> PERIOD_START = ReportColumn.PERIOD_START.of(Report::periodStart);
    public static final ReportField<Report> PERIOD_END = ReportColumn.PERIOD_END.of(Report::periodEnd);

    /** The fields, in component order. */
    public static final ReportFields<Report> FIELDS = ReportFields.fixed(
            REPORT_ID,
            REPORT_TYPE,
            TEAM_ID,
            TIMEZONE,
            GENERATED_AT,
            PERIOD_START,
            PERIOD_END,
            ReportField.part("sections", "Sections", Report::sections),
            ReportField.part("data", "Data", Report::data));

    /** The same report without the moment it was generated (what a quick report's ETag digests). */
    public Report withoutGeneratedAt() {
        return new Report(reportId, reportType, teamId, timezone, null, periodStart, periodEnd, sections, data);
    }
}
