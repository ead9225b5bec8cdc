package dev.gatewayreports.model.rollup;

import dev.gatewayreports.model.stats.FigureColumn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.StringJoiner;

/**
 * Folds events into a rollup that keeps no latency sketch straight in PostgreSQL: one {@code INSERT … SELECT …
 * GROUP BY … ON CONFLICT DO UPDATE} per shape covers all its grains, so those rows never travel to Java (the
 * per-key and per-error tables hold close to a row per event at 1 h). Sums are NUMERIC or bigint, exact; the
 * caller holds the advisory locks of every owner it writes, as for {@link RollupWriter}.
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
        if (shape.latency) {
            throw new IllegalArgumentException(shape + " keeps a latency sketch, which is merged in Java");
        }
        try (PreparedStatement ps = c.prepareStatement(sql(shape, events.where()))) {
            Integer[] grains = new Integer[shape.grains.length];
            for (int i = 0; i < grains.length; i++) {
                grains[i] = shape.grains[i];
            }
            ps.setArray(1, c.createArrayOf("int4", grains));
            events.binder().bind(ps, 2);
            ps.executeUpdate();
        }
    }

    /**
     * Recomputes the rows of every grain coarser than a day (rollup_api_key's weeks) whose buckets touch the epoch
     * seconds [from, to) from the shape's day rows, which a week holds exactly seven of: after a rebuild of whole
     * days, whose day rows are new and whose week rows the day-by-day fold cannot set (a week spans days not
     * rebuilt). The caller holds what keeps folds out meanwhile (the rebuild lock).
     */
    public static void deriveFromDays(Connection c, Shape shape, long from, long to) throws SQLException {
        for (int grain : shape.grains) {
            if (grain <= 86_400) {
                continue;
            }
            long first = RollupKey.floor(from, grain);
            long end = -RollupKey.floor(-to, grain);
            try (PreparedStatement ps = c.prepareStatement("delete from " + shape.table
                    + " where grain = ? and bucket_start >= to_timestamp(?)" + " and bucket_start < to_timestamp(?)")) {
                ps.setInt(1, grain);
                ps.setLong(2, first);
                ps.setLong(3, end);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(derivedSql(shape, grain))) {
                ps.setLong(1, first);
                ps.setLong(2, end);
                ps.executeUpdate();
            }
        }
    }

    /** Sums day rows into the buckets of a coarser grain. Parameters: the span's epoch seconds. */
    static String derivedSql(Shape shape, int grain) {
        String bucket =
                "to_timestamp(floor(extract(epoch from r.bucket_start))::bigint / " + grain + " * " + grain + ")";
        StringJoiner columns = new StringJoiner(", ");
        StringJoiner select = new StringJoiner(", ");
        StringJoiner group = new StringJoiner(", ");
        columns.add("org_id");
        select.add("r.org_id");
        group.add("r.org_id");
        if (shape.perTeam) {
            columns.add("team_id");
            select.add("r.team_id");
            group.add("r.team_id");
        }
        columns.add("grain").add("bucket_start");
        select.add(Integer.toString(grain)).add(bucket);
        group.add(bucket);
        for (String d : shape.dimensions) {
            columns.add(d);
            select.add("r." + d);
            group.add("r." + d);
        }
        if (shape == Shape.API_KEY) {
            columns.add("with_weeks");
            select.add("true");
        }
        for (FigureColumn m : shape.metrics) {
            columns.add(m.column());
            select.add("sum(r." + m.column() + ")");
        }
        return "insert into " + shape.table + " (" + columns + ") select " + select + " from " + shape.table
                + " r where r.grain = 86400 and r.bucket_start >= to_timestamp(?) and r.bucket_start < to_timestamp(?)"
                + " group by " + group;
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
     * The fold of one shape: the events grouped once at the shape's finest grain ({@code f}), those rows summed again
     * into each of the shape's grains (parameter 1, all of them; then {@code where}'s). Grouping the events once per
     * grain instead (a cross join of every event with the grains) sorted each claim's events as many times: this way
     * halves rollup_api_key's statement with weeks (a 50,000-event claim of the 10M benchmark, medians of seven in
     * one run: 561 against 278 ms; deploy/SCALING.md §2d "Session 15"). Every figure of these shapes is a count or a sum, so sums of the finest
     * rows are exact. One statement without a CTE: Citus plans it as one router statement on the organization's shard
     * (a CTE form was refused, "could not create distributed plan").
     */
    static String sql(Shape shape, String where) {
        int finest = shape.grains[0];
        // One grain (rollup_admin): the finest rows are the rows, nothing to sum again.
        boolean regroup = shape.grains.length > 1;
        StringJoiner inner = new StringJoiner(", ");
        StringJoiner innerGroup = new StringJoiner(", ");
        StringJoiner columns = new StringJoiner(", ");
        StringJoiner select = new StringJoiner(", ");
        StringJoiner group = new StringJoiner(", ");
        StringJoiner conflict = new StringJoiner(", ");
        List<String> owner = shape.perTeam ? List.of("org_id", "team_id") : List.of("org_id");
        for (String o : owner) {
            inner.add("e." + o);
            innerGroup.add("e." + o);
            columns.add(o);
            select.add("f." + o);
            group.add("f." + o);
            conflict.add(o);
        }
        inner.add("floor(extract(epoch from e.occurred_at))::bigint / " + finest + " * " + finest + " as b");
        innerGroup.add("b");
        String bucket = "f.b / g.grain * g.grain";
        columns.add("grain").add("bucket_start");
        select.add("g.grain").add("to_timestamp(" + bucket + ")");
        group.add("g.grain").add(bucket);
        conflict.add("grain").add("bucket_start");
        for (String d : shape.dimensions) {
            inner.add("e." + d);
            innerGroup.add("e." + d);
            columns.add(d);
            select.add("f." + d);
            group.add("f." + d);
            conflict.add(d);
        }
        if (shape == Shape.API_KEY) {
            // No default (V39): a worker of the version before the weekly grain, which does not name it, cannot write.
            columns.add("with_weeks");
            select.add("true");
        }
        StringJoiner updates = new StringJoiner(", ");
        for (FigureColumn m : shape.metrics) {
            inner.add(aggregate(m) + " as " + m.column());
            columns.add(m.column());
            select.add(
                    regroup
                            ? "sum(f." + m.column() + ")" + (m.sqlType().equals("bigint") ? "::bigint" : "")
                            : "f." + m.column());
            updates.add(m.column() + " = " + shape.table + "." + m.column() + " + excluded." + m.column());
        }
        return "insert into " + shape.table + " (" + columns + ") select " + select
                + " from unnest(?::int4[]) as g (grain) cross join (select " + inner + " from usage_event e where ("
                + where + ") and " + filter(shape) + " group by " + innerGroup + ") f"
                + (regroup ? " group by " + group : "") + " on conflict (" + conflict + ") do update set " + updates;
    }
}
