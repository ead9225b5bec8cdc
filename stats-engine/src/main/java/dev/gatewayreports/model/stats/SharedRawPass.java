package dev.gatewayreports.model.stats;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One read of raw events for several queries of the same organization and teams, none with a filter: each event of
 * the union of their time ranges is read once and added to every query whose own ranges hold it, grouped by that
 * query's dimensions. With batch ids, only the events of those (pending) batches, or ({@link StatsSql.Batches#EXCEPT})
 * all but theirs.
 */
final class SharedRawPass {
    /** A query's share of the pass: its exact ranges (clipped to its window), dimensions and accumulator. */
    private record Reader(
            List<Instant[]> ranges, List<Dimension> groupBy, boolean errorsOnly, boolean subtract, Accumulator acc) {
        boolean holds(Instant t) {
            int lo = 0;
            int hi = ranges.size() - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                Instant[] r = ranges.get(mid);
                if (t.isBefore(r[0])) {
                    hi = mid - 1;
                } else if (!t.isBefore(r[1])) {
                    lo = mid + 1;
                } else {
                    return true;
                }
            }
            return false;
        }
    }

    private final Long[] batches;
    private final StatsSql.Batches which;
    private final List<Reader> readers = new ArrayList<>();
    private String organizationId;
    private List<String> teamIds;

    /** Every event of the ranges. */
    SharedRawPass() {
        this(null, StatsSql.Batches.ALL);
    }

    /** The events of the ranges that {@code which} of the ingest {@code batches} says count. */
    SharedRawPass(Long[] batches, StatsSql.Batches which) {
        this.batches = batches;
        this.which = which;
    }

    /** Adds a query's sorted, disjoint [from, to) ranges (epoch seconds); ranges outside its window are cut off. */
    void add(StatsQuery q, Set<Dimension> dims, List<long[]> ranges, Accumulator acc) {
        List<Instant[]> clipped = new ArrayList<>();
        for (long[] range : ranges) {
            Instant from = later(Instant.ofEpochSecond(range[0]), q.start());
            Instant to = earlier(Instant.ofEpochSecond(range[1]), q.end());
            if (from.isBefore(to)) {
                clipped.add(new Instant[] {from, to});
            }
        }
        reader(q, dims, clipped, false, acc);
    }

    /**
     * Adds a query's sorted, disjoint [from, to) ranges outside its window (epoch seconds) whose events are
     * subtracted from its only bucket: the parts of rollup rows read whole that lie outside the window.
     */
    void subtract(StatsQuery q, Set<Dimension> dims, List<long[]> ranges, Accumulator acc) {
        List<Instant[]> exact = new ArrayList<>();
        for (long[] range : ranges) {
            exact.add(new Instant[] {Instant.ofEpochSecond(range[0]), Instant.ofEpochSecond(range[1])});
        }
        reader(q, dims, exact, true, acc);
    }

    private void reader(StatsQuery q, Set<Dimension> dims, List<Instant[]> ranges, boolean subtract, Accumulator acc) {
        if (ranges.isEmpty()) {
            return;
        }
        organizationId = q.organizationId();
        teamIds = q.teamIds();
        readers.add(new Reader(ranges, q.groupBy(), dims.contains(Dimension.ERROR_TYPE), subtract, acc));
    }

    /** Reads the events of every added range once and adds each to the queries whose ranges hold it. */
    void read(Connection c) throws SQLException {
        if (readers.isEmpty()) {
            return;
        }
        Set<Dimension> all = EnumSet.noneOf(Dimension.class);
        readers.forEach(r -> all.addAll(r.groupBy()));
        List<Dimension> columns = List.copyOf(all);
        List<Instant[]> union = union();
        // Only error events count when every reader groups by error type (a report's errors-by-type question, or
        // the engine asked it alone): PostgreSQL then reads the errors (usage_event_errors_idx), not every event of
        // the window's edges and pending batches, and what comes back follows errors.
        boolean errorsOnly = readers.stream().allMatch(Reader::errorsOnly);
        String sql = StatsSql.raw(columns, Set.of(), RawFilters.NONE, errorsOnly, union.size(), which, true);
        int[][] positions = new int[readers.size()][];
        for (int i = 0; i < readers.size(); i++) {
            positions[i] =
                    readers.get(i).groupBy().stream().mapToInt(columns::indexOf).toArray();
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int p = 1;
            ps.setString(p++, organizationId);
            ps.setArray(p++, c.createArrayOf("text", teamIds.toArray()));
            ps.setTimestamp(p++, Timestamp.from(union.get(0)[0]));
            ps.setTimestamp(p++, Timestamp.from(union.get(union.size() - 1)[1]));
            for (Instant[] range : union) {
                ps.setTimestamp(p++, Timestamp.from(range[0]));
                ps.setTimestamp(p++, Timestamp.from(range[1]));
            }
            if (which != StatsSql.Batches.ALL) {
                ps.setArray(p, c.createArrayOf("bigint", batches));
            }
            ps.setFetchSize(10_000);
            int figuresAt = 2 + columns.size();
            try (ResultSet rs = ps.executeQuery()) {
                int occurredAt = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Instant t = rs.getTimestamp(occurredAt).toInstant();
                    long epochSecond = rs.getLong(1);
                    Figures event = Accumulator.event(rs, figuresAt);
                    for (int i = 0; i < readers.size(); i++) {
                        Reader r = readers.get(i);
                        if ((event.errors == 0 && r.errorsOnly()) || !r.holds(t)) {
                            continue;
                        }
                        List<String> dims = new ArrayList<>(positions[i].length);
                        for (int position : positions[i]) {
                            dims.add(rs.getString(2 + position));
                        }
                        if (r.subtract()) {
                            r.acc().subtractEvent(dims, event);
                        } else {
                            r.acc().addEvent(epochSecond, dims, event);
                        }
                    }
                }
            }
        }
    }

    /** Every reader's ranges merged into sorted, disjoint ranges: one statement reads them all. */
    private List<Instant[]> union() {
        List<Instant[]> all = new ArrayList<>();
        readers.forEach(r -> all.addAll(r.ranges()));
        all.sort(Comparator.comparing((Instant[] r) -> r[0]));
        List<Instant[]> merged = new ArrayList<>();
        for (Instant[] r : all) {
            Instant[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && !last[1].isBefore(r[0])) {
                last[1] = later(last[1], r[1]);
            } else {
                merged.add(new Instant[] {r[0], r[1]});
            }
        }
        return merged;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
