package dev.gatewayreports.model.rollup;

import com.datadoghq.sketch.ddsketch.DDSketch;
import dev.gatewayreports.model.stats.LatencySketches;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The latency sketches of a cycle's rows: each merged in Java with the stored one (safe because the caller holds the
 * transaction-scoped lock of every team it writes), then passed to {@link SqlFold}'s statement as arrays (no per-row
 * round trip). Rows are keyed by org_id, then team_id in the per-team tables (a team is identified by its
 * organization and its id).
 */
final class RollupWriter {
    private RollupWriter() {}

    /** The sketches in sketches-java's binary encoding, as hex. */
    static String[] encode(Collection<DDSketch> sketches) {
        HexFormat hex = HexFormat.of();
        return sketches.stream()
                .map(s -> hex.formatHex(LatencySketches.encode(s)))
                .toArray(String[]::new);
    }

    /** Binds the key columns of {@code keys} as arrays from position {@code p}; answers the next position. */
    static int bindKeys(Connection c, PreparedStatement ps, int p, Shape shape, List<RollupKey> keys)
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

    /**
     * Folds the sketches already stored for these keys into the deltas' sketches. On one PostgreSQL each key probes the
     * primary key ({@code lateral … limit 1}, a fence the planner cannot flatten): as a plain join with the unnested
     * keys the planner scanned and hashed the whole table every cycle (a 50,000-event claim's 21k keys against
     * rollup_model's 420k rows: 1.26–1.36 s, against 0.21–0.23 s probed). Citus rejects a lateral subquery with a
     * LIMIT over a recurring outer relation, so there the plain join stays.
     */
    static void mergeStoredSketches(Connection c, Shape shape, TreeMap<RollupKey, DDSketch> rows) throws SQLException {
        Map<RollupKey, DDSketch> byKey = new HashMap<>(rows);
        String columns = "select r.org_id, " + (shape.perTeam ? "r.team_id" : "null::text")
                + ", r.grain, extract(epoch from r.bucket_start)::bigint" + prefixed("r.", shape)
                + ", r.latency_sketch";
        String sql = WorkQueue.distributed(c)
                ? columns + " from " + shape.table + " r join " + keyUnnest(shape) + " on " + keyMatch(shape, false)
                : columns + " from " + keyUnnest(shape) + " cross join lateral (select * from " + shape.table
                        + " r where " + keyMatch(shape, true) + " limit 1) r";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bindKeys(c, ps, 1, shape, new ArrayList<>(rows.keySet()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String[] values = new String[shape.dimensions.size()];
                    for (int d = 0; d < values.length; d++) {
                        values[d] = rs.getString(5 + d);
                    }
                    RollupKey key =
                            new RollupKey(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4), values);
                    DDSketch delta = byKey.get(key);
                    if (delta != null) {
                        LatencySketches.mergeInto(delta, rs.getBytes(5 + shape.dimensions.size()));
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
}
