package dev.gatewayreports.reportapi.admin;

import dev.gatewayreports.model.stats.BucketSpec;
import dev.gatewayreports.model.stats.Dimension;
import dev.gatewayreports.model.stats.Measure;
import dev.gatewayreports.model.stats.RawFilters;
import dev.gatewayreports.model.stats.StatsEngine;
import dev.gatewayreports.model.stats.StatsQuery;
import dev.gatewayreports.model.stats.StatsRow;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** What both admin reports share: the engine query of one page, rows by bucket, and the parameter digest. */
final class AdminQuery {
    private AdminQuery() {}

    /**
     * The page's rows by bucket start.
     *
     * @param teams the organization's teams the request covers; {@code wholeOrg}: all of them
     */
    static Map<Instant, List<StatsRow>> rows(
            StatsEngine engine,
            String orgId,
            List<String> teams,
            boolean wholeOrg,
            AdminWindow window,
            List<Dimension> groupBy,
            Map<Dimension, Set<String>> filters,
            Set<Measure> measures) {
        Map<Instant, List<StatsRow>> byBucket = new TreeMap<>();
        if (teams.isEmpty() || window.pageStart() == window.pageEnd()) {
            return byBucket;
        }
        StatsQuery q = new StatsQuery(
                orgId,
                teams,
                window.start(),
                window.end(),
                ZoneId.of("UTC"),
                BucketSpec.seconds(window.width()),
                groupBy,
                filters,
                RawFilters.NONE,
                measures,
                wholeOrg);
        for (StatsRow row : engine.execute(q).rows()) {
            if (row.figures().requests() > 0) {
                byBucket.computeIfAbsent(row.bucketStart(), b -> new ArrayList<>())
                        .add(row);
            }
        }
        return byBucket;
    }

    /** Filters by dimension, the empty ones left out. */
    static Map<Dimension, Set<String>> filters(Map<Dimension, List<String>> lists) {
        Map<Dimension, Set<String>> filters = new HashMap<>();
        lists.forEach((d, values) -> {
            if (!values.isEmpty()) {
                filters.put(d, Set.copyOf(values));
            }
        });
        return filters;
    }

    /** A short digest of the parameters a cursor belongs to. */
    static String digest(String canonical) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The teams a request covers: all of the organization's, or those of its workspace filter. */
    static List<String> teams(OrgTeams.Teams org, List<String> workspaceIds) {
        if (workspaceIds.isEmpty()) {
            return org.all();
        }
        return org.all().stream().filter(workspaceIds::contains).toList();
    }

    /** The first page of the request's window, or the page its {@code page} cursor points to. */
    static AdminWindow window(
            PageCursor cursor, String page, String report, String digest, AdminWindow first, int limit) {
        if (page == null) {
            return first;
        }
        PageCursor.Position p = cursor.decode(page, report, digest);
        return AdminWindow.page(first.width(), p.windowStart(), p.windowEnd(), p.next(), limit);
    }

    /** The cursor of the page after this one, or null when this is the last. */
    static String nextPage(PageCursor cursor, String report, String digest, AdminWindow window) {
        return window.hasMore()
                ? cursor.encode(new PageCursor.Position(
                        report, digest, window.windowStart(), window.windowEnd(), window.pageEnd()))
                : null;
    }
}
