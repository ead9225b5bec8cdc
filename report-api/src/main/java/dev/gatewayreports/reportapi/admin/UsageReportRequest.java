package dev.gatewayreports.reportapi.admin;

import dev.gatewayreports.model.stats.Dimension;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A usage report request, typed and checked: list values sorted and distinct; {@code ending_at}, when given, after
 * {@code starting_at}.
 *
 * @param workspaces the {@code workspace_ids[]} filter (team ids)
 * @param filters the other filters by engine dimension, in a fixed order; an empty list filters nothing
 * @param page the {@code next_page} token of the previous page, or null for the first
 */
record UsageReportRequest(
        BucketWidth width,
        int limit,
        Instant startingAt,
        Instant endingAt,
        List<String> groupBy,
        List<String> workspaces,
        Map<Dimension, List<String>> filters,
        String page) {

    UsageReportRequest {
        AdminWindow.requireOrder(startingAt, endingAt);
        groupBy = List.copyOf(groupBy);
        workspaces = List.copyOf(workspaces);
        filters = Collections.unmodifiableMap(new LinkedHashMap<>(filters)); // its order is in the digest
    }

    /** What a cursor belongs to: every parameter but limit and page. */
    String digest(AdminWindow first) {
        return AdminQuery.digest(String.join(
                ";",
                width.wire(),
                Long.toString(first.windowStart()),
                String.valueOf(endingAt),
                groupBy.toString(),
                workspaces.toString(),
                filters.toString()));
    }
}
