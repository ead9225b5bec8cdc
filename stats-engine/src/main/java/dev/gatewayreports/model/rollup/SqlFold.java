package dev.gatewayreports.model.rollup;

import com.datadoghq.sketch.ddsketch.DDSketch;
import dev.gatewayreports.model.stats.FigureColumn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Folds events into a rollup straight in PostgreSQL: one {@code INSERT … SELECT … GROUP BY … ON CONFLICT DO UPDATE}
 * per shape covers all its grains, so the rows never travel to Java (the per-key and per-error tables hold close to
 * a row per event at 1 h). Sums are NUMERIC or bigint, exact; latency min and max combine. A row's latency sketch
 * cannot be merged in SQL: the same statement joins each group to the merged sketch Java computed for it
 * ({@link Deltas}, {@link RollupWriter}). The caller holds the advisory locks of every owner it writes.
 */
public final class SqlFold {
    /** The events to fold: a predicate over {@code usage_event e} and what binds its parameters. */
    public record Events(String where, Binder binder) {}

    /** Binds the parameters of {@link Events#where} from position {@code first}; answers the next position. */
    @FunctionalInterface
    public interface Binder {
        int bind(PreparedStatement ps, int first) throws SQLException;
    }

    private SqlFold() {}

    /** Adds {@code events} to the rows of {@code shape}, a shape without a latency sketch. */
    static void apply(Connection c, Shape shape, Events events) throws SQLException {
        apply(c, shape, events, null);
    }

    /**
     * Adds {@code events} to the rows of {@code shape}; for a shape with a latency sketch, {@code sketches} are the
     * events' sketches of each row (every row the events touch), which are merged with the stored ones in Java first.
     */
    static void apply(Connection c, Shape shape, Events events, TreeMap<RollupKey, DDSketch> sketches)
            throws SQLException {
        if (shape.latency != (sketches != null)) {
            throw new IllegalArgumentException(shape + (shape.latency ? " needs" : " keeps no") + " latency sketches");
        }
        if (shape.latency && sketches.isEmpty()) {
            return;
        }
        if (shape.latency) {
            RollupWriter.mergeStoredSketches(c, shape, sketches);
        }
        try (PreparedStatement ps = c.prepareStatement(sql(shape, events.where()))) {
            Integer[] grains = new Integer[shape.grains.length];
            for (int i = 0; i < grains.length; i++) {
                grains[i] = shape.grains[i];
            }
            ps.setArray(1, c.createArrayOf("int4", grains));
            int p = events.binder().bind(ps, 2);
            if (shape.latency) {
                p = RollupWriter.bindKeys(c, ps, p, shape, new ArrayList<>(sketches.keySet()));
                ps.setArray(p, c.createArrayOf("text", RollupWriter.encode(sketches.values())));
            }
            int written = ps.executeUpdate();
            if (shape.latency && written != sketches.size()) {
                // Every row the events touch has a sketch: anything else is a bug, and the rollback keeps the claim.
                throw new IllegalStateException(
                        shape + ": " + written + " rows written for " + sketches.size() + " sketches");
            }
        }
    }

    /** The SQL form of {@link Shape#folds}: the error rollups fold failed requests only. */
    static String filter(Shape shape) {
        return switch (shape) {
            case ORG_ERROR, ERROR -> "e.status = 'error'";
            default -> "true";
        };
    }

    /** One summed column over the group's events, as Figures sums it (null adds nothing). */
    static String aggregate(FigureColumn m) {
        return switch (m) {
            case REQUESTS -> "count(*)";
            case ERRORS -> "count(*) filter (where e.status = 'error')";
            case UNPRICED -> "count(*) filter (where e.cost_source = 'unpriced')";
            case LATENCY_SUM -> "coalesce(sum(e.latency_ms), 0)";
            default -> "coalesce(sum(e." + m.column() + "), 0)" + (m.sqlType().equals("bigint") ? "::bigint" : "");
        };
    }

    /**
     * The fold of {@code shape} over the events of {@code where}: an {@code INSERT … SELECT … GROUP BY … ON CONFLICT
     * DO UPDATE}. A shape with a latency sketch joins its groups to the rows' merged sketches, passed as arrays after
     * the events' parameters (key columns as {@link RollupWriter#bindKeys} binds them, then the hex sketches).
     */
    static String sql(Shape shape, String where) {
        String bucket = "to_timestamp(floor(extract(epoch from e.occurred_at))::bigint / g.grain * g.grain)";
        StringJoiner columns = new StringJoiner(", ");
        StringJoiner select = new StringJoiner(", ");
        StringJoiner group = new StringJoiner(", ");
        StringJoiner conflict = new StringJoiner(", ");
        StringJoiner updates = new StringJoiner(", ");
        StringJoiner sketchArgs = new StringJoiner(", ");
        StringJoiner sketchNames = new StringJoiner(", ");
        StringJoiner sketchMatch = new StringJoiner(" and ");
        List<String[]> keys = new ArrayList<>();
        keys.add(new String[] {"org_id", "e.org_id", "text"});
        if (shape.perTeam) {
            keys.add(new String[] {"team_id", "e.team_id", "text"});
        }
        keys.add(new String[] {"grain", "g.grain", "int4"});
        keys.add(new String[] {"bucket_start", bucket, "int8"});
        for (String d : shape.dimensions) {
            keys.add(new String[] {d, "e." + d, "text"});
        }
        for (String[] key : keys) {
            columns.add(key[0]);
            select.add(key[1] + " as " + key[0]);
            group.add(key[1]);
            conflict.add(key[0]);
            sketchArgs.add("?::" + key[2] + "[]");
            sketchNames.add("s_" + key[0]);
            sketchMatch.add("a." + key[0] + " = "
                    + (key[0].equals("bucket_start") ? "to_timestamp(s.s_bucket_start)" : "s.s_" + key[0]));
        }
        for (FigureColumn m : shape.metrics) {
            columns.add(m.column());
            select.add(aggregate(m) + " as " + m.column());
            updates.add(m.column() + " = " + shape.table + "." + m.column() + " + excluded." + m.column());
        }
        String grouped = "select " + select
                + (shape.latency ? ", min(e.latency_ms) as latency_min, max(e.latency_ms) as latency_max" : "")
                + " from usage_event e cross join unnest(?::int4[]) as g (grain) where (" + where + ") and "
                + filter(shape) + " group by " + group;
        if (!shape.latency) {
            return "insert into " + shape.table + " (" + columns + ") " + grouped + " on conflict (" + conflict
                    + ") do update set " + updates;
        }
        updates.add("latency_min = least(" + shape.table + ".latency_min, excluded.latency_min)");
        updates.add("latency_max = greatest(" + shape.table + ".latency_max, excluded.latency_max)");
        updates.add("latency_sketch = excluded.latency_sketch");
        return "insert into " + shape.table + " (" + columns + ", latency_min, latency_max, latency_sketch) select a.*,"
                + " decode(s.s_sketch, 'hex') from (" + grouped + ") a join unnest(" + sketchArgs
                + ", ?::text[]) as s ("
                + sketchNames + ", s_sketch) on " + sketchMatch + " on conflict (" + conflict + ") do update set "
                + updates;
    }
}
