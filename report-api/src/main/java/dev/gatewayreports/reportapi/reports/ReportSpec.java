package dev.gatewayreports.reportapi.reports;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;

/**
 * A validated report request.
 *
 * @param teamId the requested team, {@code all}, or null for the caller's only team
 * @param start inclusive; {@code end} exclusive
 * @param previousStart the window of equal length just before {@code start} (for {@code days}: the same number of
 *     local days before it)
 */
public record ReportSpec(
        ReportType type,
        String teamId,
        ZoneId zone,
        Instant start,
        Instant end,
        Instant previousStart,
        Set<Section> sections,
        ExportFormat format,
        boolean save) {

    public ReportSpec {
        sections = Set.copyOf(sections);
    }
}
