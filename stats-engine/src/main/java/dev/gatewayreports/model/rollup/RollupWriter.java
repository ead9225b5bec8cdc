package dev.gatewayreports.model.rollup;

import dev.gatewayreports.model.stats.FigureColumn;
import dev.gatewayreports.model.stats.Figures;
import dev.gatewayreports.model.stats.LatencySketches;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Adds deltas to rollup rows: one upsert per shape, rows passed as arrays (no per-row round trip). Sums add;
 * latency min/max combine; the sketch is merged in Java with the stored one, which is safe because the caller
 * holds the transaction-scoped lock of every team it writes. Rows are keyed by org_id, then team_id in the per-team
 * tables (a team is identified by its organization and its id).
 */
public final class RollupWriter {
    private RollupWriter() {}

    /**
     * Upserts {@code rows} into {@code shape}'s table. {@code distributed}: whether the database is a Citus cluster
     * ({@link WorkQueue#distributed}, read once per fold by the caller), which picks the stored-sketch read.
     */
    public static void apply(Connection c, Shape shape, TreeMap<RollupKey, Figures> rows, boolean distributed)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        if (shape.latency) {
            mergeStoredSketches(c, shape, rows, distributed);
        }
        // One walk of the sorted map: keys and figures side by side, in key order (the order rows are written and
        // locked in); every column below is then an index into them, not a lookup per column and row (20 lookups of
        // a 34k-row TreeMap per row were 40 % of the worker's CPU).
        List<RollupKey> keys = new ArrayList<>(rows.size());
        List<Figures> figures = new ArrayList<>(rows.size());
        for (Map.Entry<RollupKey, Figures> row : rows.entrySet()) {
            keys.add(row.getKey());
            figures.add(row.getValue());
        }
        try (PreparedStatement ps = c.prepareStatement(upsertSql(shape))) {
            int p = bindKeys(c, ps, shape, keys);
            for (FigureColumn m : shape.metrics) {
                Object[] values = new Object[keys.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = m.valueOf(figures.get(i));
                }
                ps.setArray(p++, c.createArrayOf(m.sqlType().equals("bigint") ? "int8" : "numeric", values));
            }
            if (shape.latency) {
                p = bindLatency(c, ps, p, figures);
            }
            ps.executeUpdate();
        }
    }

    private static int bindKeys(Connection c, PreparedStatement ps, Shape shape, List<RollupKey> keys)
            throws SQLException {
        int n = keys.size();
        String[] orgs = new String[n];
        String[] teams = new String[n];
        Integer[] grains = new Integer[n];
        Long[] buckets = new Long[n];
        String[][] dims = new String[shape.dimensions.size()][n];
        for (int i = 0; i < n; i++) {
            RollupKey k = keys.get(i);
            orgs[i] = k.org();
            teams[i] = k.team();
            grains[i] = k.grain();
            buckets[i] = k.bucketStart();
            for (int d = 0; d < dims.length; d++) {
                dims[d][i] = k.dimensions().get(d);
            }
        }
        int p = 1;
        ps.setArray(p++, c.createArrayOf("text", orgs));
        if (shape.perTeam) {
            ps.setArray(p++, c.createArrayOf("text", teams));
        }
        ps.setArray(p++, c.createArrayOf("int4", grains));
        ps.setArray(p++, c.createArrayOf("int8", buckets));
        for (String[] dim : dims) {
            ps.setArray(p++, c.createArrayOf("text", dim));
        }
        return p;
    }

    private static int bindLatency(Connection c, PreparedStatement ps, int p, List<Figures> figures)
            throws SQLException {
        Integer[] mins = new Integer[figures.size()];
        Integer[] maxs = new Integer[figures.size()];
        // The encoded sketches go as bytea[] (the driver sends it binary), not as hex text decoded by the statement.
        byte[][] sketches = new byte[figures.size()][];
        for (int i = 0; i < figures.size(); i++) {
            Figures t = figures.get(i);
            mins[i] = t.latencyMin();
            maxs[i] = t.latencyMax();
            sketches[i] = LatencySketches.encode(t.sketch());
        }
        ps.setArray(p++, c.createArrayOf("int4", mins));
        ps.setArray(p++, c.createArrayOf("int4", maxs));
        ps.setArray(p++, c.createArrayOf("bytea", sketches));
        return p;
    }

    /**
     * Folds the sketches already stored for these keys into the deltas' sketches. On one PostgreSQL each key probes the
     * primary key ({@code lateral … limit 1}, a fence the planner cannot flatten): as a plain join with the unnested
     * keys the planner scanned and hashed the whole table every cycle (a 50,000-event claim's 21k keys against
     * rollup_model's 420k rows: 1.26–1.36 s, against 0.21–0.23 s probed). Citus rejects a lateral subquery with a
     * LIMIT over a recurring outer relation, so there the plain join stays.
     */
    private static void mergeStoredSketches(
            Connection c, Shape shape, TreeMap<RollupKey, Figures> rows, boolean distributed) throws SQLException {
        Map<RollupKey, Figures> byKey = new HashMap<>(rows);
        String columns = "select r.org_id, " + (shape.perTeam ? "r.team_id" : "null::text")
                + ", r.grain, extract(epoch from r.bucket_start)::bigint" + prefixed("r.", shape)
                + ", r.latency_sketch";
        String sql = distributed
                ? columns + " from " + shape.table + " r join " + keyUnnest(shape) + " on " + keyMatch(shape, false)
                : columns + " from " + keyUnnest(shape) + " cross join lateral (select * from " + shape.table
                        + " r where " + keyMatch(shape, true) + " limit 1) r";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bindKeys(c, ps, shape, new ArrayList<>(rows.keySet()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String[] values = new String[shape.dimensions.size()];
                    for (int d = 0; d < values.length; d++) {
                        values[d] = rs.getString(5 + d);
                    }
                    RollupKey key =
                            new RollupKey(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4), values);
                    Figures delta = byKey.get(key);
                    if (delta != null) {
                        LatencySketches.mergeInto(delta.sketch(), rs.getBytes(5 + shape.dimensions.size()));
                    }
                }
            }
        }
    }

    private static String prefixed(String alias, Shape shape) {
        StringJoiner j = new StringJoiner(", ", ", ", "").setEmptyValue("");
        shape.dimensions.forEach(d -> j.add(alias + d));
        return j.toString();
    }

    private static String keyUnnest(Shape shape) {
        StringJoiner args = new StringJoiner(", ");
        StringJoiner names = new StringJoiner(", ");
        args.add("?::text[]");
        names.add("k_org");
        if (shape.perTeam) {
            args.add("?::text[]");
            names.add("k_team");
        }
        args.add("?::int4[]").add("?::int8[]");
        names.add("k_grain").add("k_bucket");
        for (String d : shape.dimensions) {
            args.add("?::text[]");
            names.add("k_" + d);
        }
        return "unnest(" + args + ") as k (" + names + ")";
    }

    /**
     * The join of a stored row to its key. {@code equal}: dimensions compared with {@code =}, so the whole primary key
     * is an index condition; the sketch tables' dimensions (provider, model) are NOT NULL, as are the events'.
     */
    private static String keyMatch(Shape shape, boolean equal) {
        StringJoiner j = new StringJoiner(" and ");
        j.add("r.org_id = k.k_org");
        if (shape.perTeam) {
            j.add("r.team_id = k.k_team");
        }
        j.add("r.grain = k.k_grain").add("r.bucket_start = to_timestamp(k.k_bucket)");
        shape.dimensions.forEach(d -> j.add("r." + d + (equal ? " = " : " is not distinct from ") + "k.k_" + d));
        return j.toString();
    }

    static String upsertSql(Shape shape) {
        StringJoiner columns = new StringJoiner(", ");
        StringJoiner select = new StringJoiner(", ");
        StringJoiner args = new StringJoiner(", ");
        StringJoiner names = new StringJoiner(", ");
        StringJoiner conflict = new StringJoiner(", ");
        StringJoiner updates = new StringJoiner(", ");
        columns.add("org_id");
        select.add("u_org");
        args.add("?::text[]");
        names.add("u_org");
        conflict.add("org_id");
        if (shape.perTeam) {
            columns.add("team_id");
            select.add("u_team");
            args.add("?::text[]");
            names.add("u_team");
            conflict.add("team_id");
        }
        columns.add("grain").add("bucket_start");
        select.add("u_grain").add("to_timestamp(u_bucket)");
        args.add("?::int4[]").add("?::int8[]");
        names.add("u_grain").add("u_bucket");
        conflict.add("grain").add("bucket_start");
        for (String d : shape.dimensions) {
            columns.add(d);
            select.add("u_" + d);
            args.add("?::text[]");
            names.add("u_" + d);
            conflict.add(d);
        }
        for (FigureColumn m : shape.metrics) {
            String col = m.column();
            columns.add(col);
            select.add("u_" + col);
            args.add("?::" + m.sqlType() + "[]");
            names.add("u_" + col);
            updates.add(col + " = " + shape.table + "." + col + " + excluded." + col);
        }
        if (shape.latency) {
            columns.add("latency_min").add("latency_max").add("latency_sketch");
            select.add("u_min").add("u_max").add("u_sketch");
            args.add("?::int4[]").add("?::int4[]").add("?::bytea[]");
            names.add("u_min").add("u_max").add("u_sketch");
            updates.add("latency_min = least(" + shape.table + ".latency_min, excluded.latency_min)");
            updates.add("latency_max = greatest(" + shape.table + ".latency_max, excluded.latency_max)");
            updates.add("latency_sketch = excluded.latency_sketch");
        }
        return "insert into " + shape.table + " (" + columns + ") select " + select + " from unnest(" + args
                + ") as u (" + names + ") on conflict (" + conflict + ") do update set " + updates;
    }
}
