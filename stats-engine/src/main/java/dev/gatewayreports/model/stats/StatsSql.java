package dev.gatewayreports.model.stats;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/** The engine's SQL: one statement per rollup grain, one for raw events; the same select list for both. */
final class StatsSql {
    /**
     * Which raw events a read counts by their ingest batch: all, only those of some batches (the worker's pending
     * ones: not in any rollup yet), or all but those (the folded ones, which rollup rows hold), each list bound as
     * one {@code bigint[]} parameter after the others.
     */
    enum Batches {
        ALL,
        ONLY,
        EXCEPT
    }

    static final List<String> FIGURES =
            FigureColumn.ALL.stream().map(FigureColumn::column).toList();

    private StatsSql() {}

    /**
     * Rollup rows of one grain inside some time ranges: one index range scan per range, bound as plain parameters
     * (a join over an array of ranges, or an OR of them, let the planner scan the whole grain). Rows are the
     * organization's (organization-wide tables) or its named teams' (the others, keyed (org_id, team_id, …)).
     *
     * <p>With {@code grouped} (a query of one bucket that needs no latency sketch), the rows are summed in PostgreSQL
     * into one row per group, the bucket's start bound as a {@code bigint} ahead of the ranges' parameters: what
     * reaches the engine follows the answer's rows, not the rollup rows read (30 days of 50 teams' API keys: 26,746
     * rollup rows, 501 answer rows). Counts and money add exactly in SQL ({@code numeric}); latency sketches do not, so
     * a query that needs them reads rows one by one and merges the sketches in Java. Queries of several buckets read
     * rows too: their rollup rows are mostly one per bucket and group already (an hourly trend), and computing each
     * row's bucket in SQL cost more than it saved.
     */
    static String rollup(RollupTable t, List<Dimension> groupBy, Set<Dimension> filtered, int ranges, boolean grouped) {
        return rollup(t, groupBy, filtered, ranges, grouped, false);
    }

    /**
     * As {@link #rollup(RollupTable, List, Set, int, boolean)}; with {@code negated} (grouped only), every figure's
     * sum negated and no latency bounds: rows read whole in part outside a window, subtracted (see {@link
     * Coverage#signed}).
     */
    static String rollup(
            RollupTable t,
            List<Dimension> groupBy,
            Set<Dimension> filtered,
            int ranges,
            boolean grouped,
            boolean negated) {
        if (!grouped) {
            if (negated) {
                throw new IllegalArgumentException("only sums in SQL are subtracted");
            }
            return rows(t, groupBy, filtered, ranges);
        }
        String minus = negated ? "-" : "";
        StringJoiner inner = new StringJoiner(", ");
        StringJoiner outer = new StringJoiner(", ");
        outer.add("?::bigint");
        StringJoiner keys = new StringJoiner(", ", " group by ", "");
        // No dimension: one group, and no row at all when no rollup row matched (as reading rows gives).
        keys.setEmptyValue(" having count(*) > 0");
        for (Dimension d : groupBy) {
            inner.add("r." + d.column());
            outer.add("x." + d.column());
            keys.add("x." + d.column());
        }
        for (FigureColumn f : FigureColumn.ALL) {
            String own = t.figure(f.column());
            if (own.equals("0")) {
                outer.add("0");
            } else {
                inner.add(own + " as f" + f.ordinal());
                outer.add(
                        "bigint".equals(f.sqlType())
                                ? "(" + minus + "sum(x.f" + f.ordinal() + "))::bigint"
                                : minus + "sum(x.f" + f.ordinal() + ")");
            }
        }
        boolean latency = t.hasLatency() && !negated;
        if (latency) {
            inner.add("r.latency_min").add("r.latency_max");
        }
        outer.add(latency ? "min(x.latency_min)" : "null::int")
                .add(latency ? "max(x.latency_max)" : "null::int")
                .add("null::bytea");
        StringJoiner union = new StringJoiner(" union all ", "(", ") x");
        String one = "select " + inner + where(t, filtered);
        for (int i = 0; i < ranges; i++) {
            union.add(one);
        }
        return "select " + outer + " from " + union + keys;
    }

    /** The rollup rows themselves, one result row per rollup row (latency sketches included where kept). */
    private static String rows(RollupTable t, List<Dimension> groupBy, Set<Dimension> filtered, int ranges) {
        StringJoiner select = new StringJoiner(", ");
        select.add("extract(epoch from r.bucket_start)::bigint");
        groupBy.forEach(d -> select.add("r." + d.column()));
        FIGURES.forEach(f -> select.add(t.figure(f)));
        boolean latency = t.hasLatency();
        select.add(latency ? "r.latency_min" : "null::int")
                .add(latency ? "r.latency_max" : "null::int")
                .add(latency ? "r.latency_sketch" : "null::bytea");
        String one = "select " + select + where(t, filtered);
        StringJoiner sql = new StringJoiner(" union all ");
        for (int i = 0; i < ranges; i++) {
            sql.add(one);
        }
        return sql.toString();
    }

    /** From the table, one range of one grain of the owner's rows, with the filters: the parameters of one range. */
    private static String where(RollupTable t, Set<Dimension> filtered) {
        StringBuilder one = new StringBuilder(" from ")
                .append(t.table)
                .append(" r where r.org_id = ?")
                .append(t.organizationWide() ? "" : " and r.team_id = any(?)")
                .append(" and r.grain = ? and r.bucket_start >= ? and r.bucket_start < ?");
        filtered.forEach(d -> one.append(" and r.").append(d.column()).append(" = any(?)"));
        return one.toString();
    }

    /**
     * Raw events of some time ranges (plain parameters, so partitions are pruned), with every filter; with
     * {@code exactTime}, each event's {@code occurred_at} as the last column.
     */
    static String raw(
            List<Dimension> groupBy,
            Set<Dimension> filtered,
            RawFilters raw,
            boolean errorsOnly,
            int ranges,
            Batches batches,
            boolean exactTime) {
        StringJoiner select = new StringJoiner(", ");
        select.add("floor(extract(epoch from e.occurred_at))::bigint");
        groupBy.forEach(d -> select.add("e." + d.column()));
        select.add("1").add("(e.status = 'error')::int");
        // tokens and web-search requests, code-execution hours (not null); credits, cost and its parts (nullable)
        FIGURES.subList(FigureColumn.INPUT_TOKENS.ordinal(), FigureColumn.CREDITS.ordinal())
                .forEach(f -> select.add("e." + f));
        FIGURES.subList(FigureColumn.CREDITS.ordinal(), FigureColumn.UNPRICED.ordinal())
                .forEach(f -> select.add("coalesce(e." + f + ", 0)"));
        select.add("(e.cost_source = 'unpriced')::int")
                .add("e.latency_ms")
                .add("e.latency_ms")
                .add("e.latency_ms")
                .add("null::bytea");
        if (exactTime) {
            select.add("e.occurred_at");
        }
        StringBuilder sql = new StringBuilder("select ")
                .append(select)
                .append(" from usage_event e")
                .append(" where e.org_id = ? and e.team_id = any(?) and e.occurred_at >= ? and e.occurred_at < ?");
        StringJoiner within = new StringJoiner(" or ", " and (", ")");
        for (int i = 0; i < ranges; i++) {
            within.add("e.occurred_at >= ? and e.occurred_at < ?");
        }
        sql.append(within);
        filtered.forEach(d -> sql.append(" and e.").append(d.column()).append(" = any(?)"));
        if (errorsOnly) {
            sql.append(" and e.status = 'error'");
        }
        for (Map.Entry<String, List<String>> f : rawFilterColumns(raw).entrySet()) {
            if (!f.getValue().isEmpty()) {
                sql.append(
                        f.getKey().endsWith("_refs")
                                ? " and e." + f.getKey() + " && ?::text[]"
                                : " and e." + f.getKey() + " = any(?)");
            }
        }
        if (raw.traceRootsOnly()) {
            sql.append(" and e.parent_id is null");
        }
        switch (batches) {
            case ONLY -> sql.append(" and e.ingest_batch_id = any(?)");
            case EXCEPT -> sql.append(" and e.ingest_batch_id <> all(?)");
            case ALL -> {}
        }
        return sql.toString();
    }

    /** Raw filter lists by column, in a fixed order (the order their parameters are bound in). */
    static Map<String, List<String>> rawFilterColumns(RawFilters raw) {
        var columns = new java.util.LinkedHashMap<String, List<String>>();
        columns.put("trace_id", raw.traceIds());
        columns.put("request_id", raw.callIds());
        columns.put("parent_id", raw.parentIds());
        columns.put("thread_id", raw.threadIds());
        columns.put("turn_id", raw.turnIds());
        columns.put("input_refs", raw.inputRefs());
        columns.put("output_refs", raw.outputRefs());
        columns.put("user_id", raw.userIds());
        columns.put("run_id", raw.runIds());
        columns.put("op_name", raw.opNames());
        return columns;
    }
}
