package dev.gatewayreports.model.stats;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Sums rows (rollup rows or single events) into the query's buckets and groups. */
final class Accumulator {
    private record Key(int bucket, List<String> dimensions) {}

    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

    private final long[] boundaries;
    private final int dimensions;
    private final boolean latency;
    private final int maxRows;
    private final Map<Key, Figures> groups = new HashMap<>();
    /** Something was subtracted: a group may have come to no requests, and is then no group of the answer. */
    private boolean subtracted;

    Accumulator(long[] boundaries, int dimensions, boolean latency, int maxRows) {
        this.boundaries = boundaries;
        this.dimensions = dimensions;
        this.latency = latency;
        this.maxRows = maxRows;
    }

    /** Adds every row of a result set laid out as {@link StatsSql} selects; {@code raw}: rows are events. */
    void addAll(ResultSet rs, boolean raw) throws SQLException {
        while (rs.next()) {
            add(group(rs.getLong(1), dimensions(rs)), rs, 2 + dimensions, raw);
        }
    }

    /** The current row's group-by values, laid out as {@link StatsSql} selects them (from column 2). */
    private List<String> dimensions(ResultSet rs) throws SQLException {
        List<String> dims = new ArrayList<>(dimensions);
        for (int d = 0; d < dimensions; d++) {
            dims.add(rs.getString(2 + d));
        }
        return dims;
    }

    /**
     * Adds one event read by {@link #event}: its figures (kept without a sketch, so one read serves several
     * accumulators) and, when this query keeps latency, its latency into the group's sketch.
     */
    void addEvent(long epochSecond, List<String> dims, Figures event) {
        Figures f = group(epochSecond, dims);
        f.add(event);
        if (f.sketch != null) {
            f.sketch.accept(event.latencyMin);
        }
    }

    /**
     * Subtracts one event read by {@link #event} from the query's only bucket: an event outside the window, of a
     * rollup row read whole in part outside it ({@link Coverage#signed}).
     */
    void subtractEvent(List<String> dims, Figures event) {
        group(boundaries[0], dims).subtract(event);
    }

    /** {@link #subtractEvent} for every event of a result set laid out as {@link StatsSql#raw} selects. */
    void subtractAll(ResultSet rs) throws SQLException {
        while (rs.next()) {
            subtractEvent(dimensions(rs), event(rs, 2 + dimensions));
        }
    }

    /**
     * Marks that this query's plan subtracts (events or negated rollup rows outside its window): a group may then
     * come to no requests, and is left out of the answer.
     */
    void subtracting() {
        subtracted = true;
    }

    /** One event of a result set laid out as {@link StatsSql#raw} selects, its figures starting at column c. */
    static Figures event(ResultSet rs, int c) throws SQLException {
        Figures f = new Figures(false);
        add(f, rs, c, true);
        return f;
    }

    private Figures group(long epochSecond, List<String> dims) {
        Key key = new Key(bucketOf(epochSecond), dims);
        Figures f = groups.get(key);
        if (f == null) {
            if (groups.size() >= maxRows) {
                throw new QueryTooLargeException("the query would answer more than " + maxRows + " rows");
            }
            f = new Figures(latency);
            groups.put(key, f);
        }
        return f;
    }

    private static void add(Figures f, ResultSet rs, int c, boolean raw) throws SQLException {
        f.requests += rs.getLong(c);
        f.errors += rs.getLong(c + 1);
        for (int i = 0; i < 6; i++) {
            f.tokens[i] += rs.getLong(c + 2 + i);
        }
        f.codeExecutionHours = f.codeExecutionHours.add(rs.getBigDecimal(c + 8));
        f.credits = f.credits.add(rs.getBigDecimal(c + 9));
        f.cost = f.cost.add(rs.getBigDecimal(c + 10));
        for (int i = 0; i < Figures.COST_PARTS; i++) {
            f.costParts[i] = f.costParts[i].add(rs.getBigDecimal(c + 11 + i));
        }
        int next = c + 11 + Figures.COST_PARTS;
        f.unpriced += rs.getLong(next);
        f.latencySum += rs.getLong(next + 1);
        int min = rs.getInt(next + 2);
        if (!rs.wasNull()) {
            f.latencyMin = Math.min(f.latencyMin, min);
            f.latencyMax = Math.max(f.latencyMax, rs.getInt(next + 3));
        }
        if (f.sketch != null) {
            if (raw) {
                f.sketch.accept(min);
            } else {
                LatencySketches.mergeInto(f.sketch, rs.getBytes(next + 4));
            }
        }
    }

    private int bucketOf(long epochSecond) {
        int i = Arrays.binarySearch(boundaries, epochSecond);
        return i >= 0 ? i : -i - 2;
    }

    List<StatsRow> rows() {
        List<Map.Entry<Key, Figures>> entries = new ArrayList<>(groups.entrySet());
        if (subtracted) {
            // Every group of events holds a request; one that came to none held only events outside the window.
            entries.removeIf(e -> e.getValue().requests == 0);
        }
        entries.sort((x, y) -> {
            int c = Integer.compare(x.getKey().bucket(), y.getKey().bucket());
            for (int i = 0; c == 0 && i < dimensions; i++) {
                c = NULLS_FIRST.compare(
                        x.getKey().dimensions().get(i), y.getKey().dimensions().get(i));
            }
            return c;
        });
        List<StatsRow> rows = new ArrayList<>(entries.size());
        for (Map.Entry<Key, Figures> e : entries) {
            int b = e.getKey().bucket();
            rows.add(new StatsRow(
                    Instant.ofEpochSecond(boundaries[b]),
                    Instant.ofEpochSecond(boundaries[b + 1]),
                    java.util.Collections.unmodifiableList(e.getKey().dimensions()),
                    e.getValue()));
        }
        return rows;
    }
}
