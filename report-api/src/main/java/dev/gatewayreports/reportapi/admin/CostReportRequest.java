package dev.gatewayreports.reportapi.admin;

import java.time.Instant;
import java.util.List;

/**
 * A cost report request, typed and checked: {@code ending_at}, when given, after {@code starting_at}.
 *
 * @param byWorkspace grouped by {@code workspace_id}
 * @param byDescription grouped by {@code description} (model, cost type, token type)
 * @param workspaces the {@code workspace_ids[]} filter (team ids), sorted and distinct
 * @param page the {@code next_page} token of the previous page, or null for the first
 */
record CostReportRequest(
        int limit,
        Instant startingAt,
        Instant endingAt,
        boolean byWorkspace,
        boolean byDescription,
        List<String> workspaces,
        String page) {

    CostReportRequest {
        AdminWindow.requireOrder(startingAt, endingAt);
        workspaces = List.copyOf(workspaces);
    }

    /** What a cursor belongs to: every parameter but limit and page. */
    String digest(AdminWindow first) {
        return AdminQuery.digest(String.join(
                ";",
                Long.toString(first.windowStart()),
                String.valueOf(endingAt),
                groupNames().toString(),
                workspaces.toString()));
    }

    /** The {@code group_by[]} values, sorted as they were given to the digest before. */
    private List<String> groupNames() {
        if (byWorkspace && byDescription) {
            return List.of("description", "workspace_id");
        }
        return byWorkspace ? List.of("workspace_id") : byDescription ? List.of("description") : List.of();
    }
}
