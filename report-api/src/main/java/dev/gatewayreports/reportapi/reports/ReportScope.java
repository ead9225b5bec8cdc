package dev.gatewayreports.reportapi.reports;

import java.util.List;

/**
 * The teams a report covers, already authorised for the caller.
 *
 * @param label the report's {@code team_id}: a team id, or {@code all}
 * @param wholeOrganization true for {@code all}: organization-wide rollups may answer
 */
public record ReportScope(String orgId, String label, List<String> teamIds, boolean wholeOrganization) {
    public static final String ALL = "all";

    public ReportScope {
        teamIds = List.copyOf(teamIds);
    }
}
