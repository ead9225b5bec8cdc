package dev.gatewayreports.model.stats;

import dev.gatewayreports.model.jdbc.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Answers any "metrics over a window, bucketed, grouped, filtered" query. It reads the smallest rollup table that
 * holds the query's dimensions and figures, each query bucket covered by the coarsest whole rollup buckets inside
 * it (so local days in any zone, 23- and 25-hour days included, are exact), and raw events for what no rollup
 * bucket fits, for filters and dimensions only raw events hold, and for tiny windows.
 */
public final class StatsEngine {
    /**
     * Bounds that keep any query's answer small.
     *
     * @param rawStatementTimeout PostgreSQL's {@code statement_timeout} for the statements of a raw-events-only read
     *     (a PostgreSQL duration such as {@code 120s}), which scan far more rows than rollup reads; null keeps the
     *     connection's own
     * @param rawRetention how long raw events are kept (the worker's {@code aggregation.raw-retention-days}): a
     *     rollup row that a window covers only in part is read whole, its part outside the window subtracted as raw
     *     events, only where those events are younger than this less a day ({@link Coverage#signed})
     */
    public record Limits(
            int maxBuckets, int maxRows, Duration rawBelow, String rawStatementTimeout, Duration rawRetention) {
        /** The worker's default raw retention, {@code aggregation.raw-retention-days}. */
        public static final Duration RAW_RETENTION = Duration.ofDays(400);

        public static final Limits DEFAULT = new Limits(10_000, 100_000, Duration.ofHours(3));

        public Limits(int maxBuckets, int maxRows, Duration rawBelow) {
            this(maxBuckets, maxRows, rawBelow, null);
        }

        public Limits(int maxBuckets, int maxRows, Duration rawBelow, String rawStatementTimeout) {
            this(maxBuckets, maxRows, rawBelow, rawStatementTimeout, RAW_RETENTION);
        }
    }

    /** Beyond this many separate raw spans, the whole query is read from raw events in one pass. */
    private static final int MAX_RAW_RANGES = 200;

    private final DataSource dataSource;
    private final Limits limits;

    public StatsEngine(DataSource dataSource, Limits limits) {
        this.dataSource = dataSource;
        this.limits = limits;
    }

    public StatsResult execute(StatsQuery q) {
        return executeAll(List.of(q)).get(0);
    }

    /**
     * Answers several queries, each as {@link #execute} would. Those read from rollups share one connection and one
     * REPEATABLE READ snapshot, one read of the pending batches, and — when they name the same organization and teams
     * and filter nothing — one pass over the raw events they need (window edges off the rollup grid, events of
     * pending batches): a report asks several questions of the same window, and reading those events once per
     * question made its cost grow with the backlog times the number of questions.
     */
    public List<StatsResult> executeAll(List<StatsQuery> queries) {
        List<Plan> plans = queries.stream().map(this::plan).toList();
        List<Plan> rolledUp = plans.stream().filter(p -> !p.rolled.isEmpty()).toList();
        try (Connection c = dataSource.getConnection()) {
            for (Plan p : plans) {
                if (p.rolled.isEmpty() && !p.rawRanges.isEmpty()) {
                    readRawStreaming(c, p.q, p.dims, p.rawRanges, p.acc, limits.rawStatementTimeout());
                }
            }
            if (!rolledUp.isEmpty()) {
                readInOneSnapshot(c, rolledUp);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("stats query failed", e);
        }
        return plans.stream().map(Plan::result).toList();
    }

    /** How one query is read: its buckets, table, pieces by grain (0: raw events), and what it sums into. */
    private static final class Plan {
        final StatsQuery q;
        final long[] boundaries;
        final Set<Dimension> dims;
        final RollupTable table;
        final Map<Integer, List<Coverage.Piece>> byGrain;
        final List<Coverage.Piece> rolled;
        final List<long[]> rawRanges;
        /** Raw spans outside the window whose folded events are subtracted (rollup rows read whole). */
        final List<long[]> subtractedRaw;

        final Accumulator acc;

        Plan(
                StatsQuery q,
                long[] boundaries,
                Set<Dimension> dims,
                RollupTable table,
                Map<Integer, List<Coverage.Piece>> byGrain,
                List<long[]> rawRanges,
                List<long[]> subtractedRaw,
                Accumulator acc) {
            this.q = q;
            this.boundaries = boundaries;
            this.dims = dims;
            this.table = table;
            this.byGrain = byGrain;
            this.rawRanges = rawRanges;
            this.subtractedRaw = subtractedRaw;
            this.acc = acc;
            List<Coverage.Piece> pieces = new ArrayList<>();
            byGrain.forEach((grain, list) -> {
                if (grain != 0) {
                    list.stream().filter(p -> p.sign() > 0).forEach(pieces::add);
                }
            });
            this.rolled = pieces;
        }

        /** The span [from, to) (epoch seconds) of every piece read, window edges and subtracted spans included. */
        long[] reach() {
            long from = q.start().getEpochSecond();
            long to = q.end().getEpochSecond() + 1;
            for (List<Coverage.Piece> list : byGrain.values()) {
                for (Coverage.Piece piece : list) {
                    from = Math.min(from, piece.from());
                    to = Math.max(to, piece.to());
                }
            }
            return new long[] {from, to};
        }

        /** Raw events of this query may be read in a pass shared with others (no per-query filter). */
        boolean shareable() {
            return q.filters().isEmpty() && !q.rawFilters().any();
        }

        StatsResult result() {
            int rollupPieces = 0;
            int subtracted = subtractedRaw.size();
            for (Map.Entry<Integer, List<Coverage.Piece>> e : byGrain.entrySet()) {
                for (Coverage.Piece piece : e.getValue()) {
                    rollupPieces += e.getKey() != 0 && piece.sign() > 0 ? 1 : 0;
                    subtracted += e.getKey() != 0 && piece.sign() < 0 ? 1 : 0;
                }
            }
            return new StatsResult(
                    acc.rows(),
                    table == null ? "raw" : table.table,
                    rollupPieces,
                    rawRanges.size(),
                    bucketStarts(boundaries),
                    subtracted);
        }
    }

    private Plan plan(StatsQuery q) {
        long[] boundaries = Buckets.boundaries(q.start(), q.end(), q.zone(), q.buckets(), limits.maxBuckets());
        Set<Dimension> dims = EnumSet.noneOf(Dimension.class);
        dims.addAll(q.groupBy());
        dims.addAll(q.filters().keySet());
        RollupTable table = chooseTable(q, dims);
        long start = q.start().getEpochSecond() + (q.start().getNano() > 0 ? 1 : 0);
        long end = q.end().getEpochSecond();
        List<Coverage.Piece> pieces = new ArrayList<>(cover(q, boundaries, table, start, Math.max(start, end)));
        if (q.start().getNano() > 0 || q.end().getNano() > 0) {
            pieces.add(new Coverage.Piece(0, q.start().getEpochSecond(), start)); // sub-second slivers: raw
            pieces.add(new Coverage.Piece(0, end, end + 1));
        }
        Accumulator acc = new Accumulator(
                boundaries, q.groupBy().size(), q.measures().contains(Measure.LATENCY), limits.maxRows());
        Map<Integer, List<Coverage.Piece>> byGrain = new TreeMap<>();
        pieces.forEach(
                p -> byGrain.computeIfAbsent(p.grain(), g -> new ArrayList<>()).add(p));
        List<Coverage.Piece> raw = byGrain.getOrDefault(0, List.of());
        List<long[]> rawRanges =
                contiguous(raw.stream().filter(p -> p.sign() > 0).toList());
        List<long[]> subtractedRaw =
                contiguous(raw.stream().filter(p -> p.sign() < 0).toList());
        if (rawRanges.size() > MAX_RAW_RANGES) {
            // Many separate raw spans (sub-15-minute buckets): one pass over raw events answers it all.
            table = null;
            byGrain.clear();
            rawRanges = List.of(new long[] {q.start().getEpochSecond(), end + 1});
            subtractedRaw = List.of();
        }
        if (byGrain.values().stream().flatMap(List::stream).anyMatch(p -> p.sign() < 0)) {
            acc.subtracting();
        }
        return new Plan(q, boundaries, dims, table, byGrain, rawRanges, subtractedRaw, acc);
    }

    /**
     * The pieces of a query's window [start, end) (whole seconds). A query of one bucket without latency has its
     * rollup rows summed in SQL (see {@link #readRollup}), and sums subtract: a rollup row its window covers only in
     * part may be read whole and its part outside subtracted ({@link Coverage#signed}), where raw events of that part
     * are still kept.
     */
    private List<Coverage.Piece> cover(StatsQuery q, long[] boundaries, RollupTable table, long start, long end) {
        if (table == null) {
            return Coverage.pieces(boundaries, start, end, new int[0]);
        }
        if (boundaries.length != 2 || q.measures().contains(Measure.LATENCY)) {
            return Coverage.pieces(boundaries, start, end, table.grainsDescending);
        }
        long a = Math.max(boundaries[0], start);
        long b = Math.min(boundaries[1], end);
        if (a >= b) {
            return List.of();
        }
        long subtractFrom = Instant.now().minus(limits.rawRetention()).getEpochSecond() + 86_400;
        return Coverage.signed(a, b, table.grainsDescending, subtractFrom);
    }

    /**
     * Raw events only, in a transaction: PostgreSQL's JDBC driver streams a result set {@code fetchSize} rows at a
     * time only with auto-commit off; with it on, every event of the window would be held in memory at once (a
     * raw-only report over 10M events ran a 6 GiB heap out of memory). Its statements may run up to
     * {@code statementTimeout} (when given) instead of the connection's shorter default.
     */
    private static void readRawStreaming(
            Connection c,
            StatsQuery q,
            Set<Dimension> dims,
            List<long[]> rawRanges,
            Accumulator acc,
            String statementTimeout)
            throws SQLException {
        Transactions.inTransaction(c, c.getTransactionIsolation(), tx -> {
            if (statementTimeout != null) {
                Transactions.setLocal(c, "statement_timeout", statementTimeout);
            }
            readRaw(c, q, dims, rawRanges, null, StatsSql.Batches.ALL, acc);
        });
    }

    /**
     * Reads rollups, the events of batches the worker has not folded yet that fall inside the rolled-up spans, and
     * the raw spans, all in one REPEATABLE READ snapshot: a fold commits its rollup rows and its batches' mark
     * together, so each event is counted exactly once, from the rollups or from its pending batch, however far
     * behind the worker is.
     */
    private static void readInOneSnapshot(Connection c, List<Plan> plans) throws SQLException {
        Transactions.inTransaction(c, Connection.TRANSACTION_REPEATABLE_READ, tx -> {
            // Several teams: planned with their values every time. A generic plan of a rollup read guesses ~150 rows
            // for "team_id = any($n)" whatever the array holds, and walked 50 teams' 30 days of rollup_api_key rows
            // in index order (15,950 rows, 15,105 buffer visits: the rows of a day lie on different pages) where the
            // values give a bitmap scan (1,723 buffers). One team's reads are as small as the guess, so they keep
            // the cached plans and save the planning.
            if (plans.stream().anyMatch(p -> p.q.teamIds().size() > 1)) {
                Transactions.setLocal(c, "plan_cache_mode", "force_custom_plan");
            }
            for (Plan p : plans) {
                for (Map.Entry<Integer, List<Coverage.Piece>> e : p.byGrain.entrySet()) {
                    if (e.getKey() != 0) {
                        List<Coverage.Piece> added = new ArrayList<>();
                        List<Coverage.Piece> subtracted = new ArrayList<>();
                        e.getValue().forEach(piece -> (piece.sign() > 0 ? added : subtracted).add(piece));
                        readRollup(c, p.table, e.getKey(), p.q, p.boundaries, added, false, p.acc);
                        readRollup(c, p.table, e.getKey(), p.q, p.boundaries, subtracted, true, p.acc);
                    }
                }
            }
            // Pending batches of the windows and of the spans outside them that rollup rows read whole also hold.
            PendingBatches pending = PendingBatches.read(c, plans.get(0).q.organizationId(), window(plans));
            SharedRawPass unfolded = new SharedRawPass(pending.ids(), StatsSql.Batches.ONLY);
            SharedRawPass edges = new SharedRawPass();
            // Outside a window, only the folded events are in the rollup rows read whole: only they are subtracted.
            SharedRawPass outside = new SharedRawPass(pending.ids(), StatsSql.Batches.EXCEPT);
            for (Plan p : plans) {
                List<long[]> pendingRanges = pending.within(contiguous(p.rolled));
                boolean shared = p.shareable()
                        && p.q.organizationId().equals(plans.get(0).q.organizationId())
                        && p.q.teamIds().equals(plans.get(0).q.teamIds());
                if (shared) {
                    unfolded.add(p.q, p.dims, pendingRanges, p.acc);
                    edges.add(p.q, p.dims, p.rawRanges, p.acc);
                    outside.subtract(p.q, p.dims, p.subtractedRaw, p.acc);
                } else {
                    if (!pendingRanges.isEmpty()) {
                        readRaw(c, p.q, p.dims, pendingRanges, pending.ids(), StatsSql.Batches.ONLY, p.acc);
                    }
                    if (!p.rawRanges.isEmpty()) {
                        readRaw(c, p.q, p.dims, p.rawRanges, null, StatsSql.Batches.ALL, p.acc);
                    }
                    if (!p.subtractedRaw.isEmpty()) {
                        readRaw(c, p.q, p.dims, p.subtractedRaw, pending.ids(), StatsSql.Batches.EXCEPT, p.acc);
                    }
                }
            }
            unfolded.read(c);
            edges.read(c);
            outside.read(c);
        });
    }

    /**
     * The span from the earliest start to the latest end of what the queries read (their windows and the spans
     * outside them that rollup rows read whole hold), in epoch seconds, end exclusive.
     */
    private static long[] window(List<Plan> plans) {
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        for (Plan p : plans) {
            long[] reach = p.reach();
            from = Math.min(from, reach[0]);
            to = Math.max(to, reach[1]);
        }
        return new long[] {from, to};
    }

    private RollupTable chooseTable(StatsQuery q, Set<Dimension> dims) {
        boolean tiny = Duration.between(q.start(), q.end()).compareTo(limits.rawBelow()) < 0;
        if (tiny || q.rawFilters().any() || dims.contains(Dimension.STATUS)) {
            return null;
        }
        return RollupTable.forQuery(dims, q.measures(), q.wholeOrganization());
    }

    /**
     * One grain's rollup rows of a query; summed in PostgreSQL per group when the query has one bucket and needs no
     * latency sketch (see {@link StatsSql#rollup(RollupTable, List, Set, int, boolean)}).
     */
    private static void readRollup(
            Connection c,
            RollupTable t,
            int grain,
            StatsQuery q,
            long[] boundaries,
            List<Coverage.Piece> pieces,
            boolean subtract,
            Accumulator acc)
            throws SQLException {
        if (pieces.isEmpty()) {
            return;
        }
        List<long[]> ranges = contiguous(pieces);
        boolean grouped = boundaries.length == 2 && !q.measures().contains(Measure.LATENCY);
        String sql = StatsSql.rollup(t, q.groupBy(), q.filters().keySet(), ranges.size(), grouped, subtract);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int p = 1;
            if (grouped) {
                ps.setLong(p++, boundaries[0]);
            }
            for (long[] range : ranges) {
                ps.setString(p++, q.organizationId());
                if (!t.organizationWide()) {
                    ps.setArray(p++, c.createArrayOf("text", q.teamIds().toArray()));
                }
                ps.setInt(p++, grain);
                ps.setTimestamp(p++, Timestamp.from(Instant.ofEpochSecond(range[0])));
                ps.setTimestamp(p++, Timestamp.from(Instant.ofEpochSecond(range[1])));
                p = bindFilters(c, ps, p, q);
            }
            try (ResultSet rs = ps.executeQuery()) {
                acc.addAll(rs, false);
            }
        }
    }

    /**
     * Raw events in the ranges, those of the {@code batches} that {@code which} says count; added, or with {@link
     * StatsSql.Batches#EXCEPT} (folded events outside the window, ranges not clipped to it) subtracted.
     */
    private static void readRaw(
            Connection c,
            StatsQuery q,
            Set<Dimension> dims,
            List<long[]> ranges,
            Long[] batches,
            StatsSql.Batches which,
            Accumulator acc)
            throws SQLException {
        boolean subtract = which == StatsSql.Batches.EXCEPT;
        List<Instant[]> clipped = new ArrayList<>();
        for (long[] range : ranges) {
            Instant from = Instant.ofEpochSecond(range[0]);
            Instant to = Instant.ofEpochSecond(range[1]);
            if (!subtract) {
                from = later(from, q.start());
                to = earlier(to, q.end());
            }
            if (from.isBefore(to)) {
                clipped.add(new Instant[] {from, to});
            }
        }
        if (clipped.isEmpty()) {
            return;
        }
        boolean errorsOnly = dims.contains(Dimension.ERROR_TYPE);
        String sql = StatsSql.raw(
                q.groupBy(), q.filters().keySet(), q.rawFilters(), errorsOnly, clipped.size(), which, false);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int p = 1;
            ps.setString(p++, q.organizationId());
            ps.setArray(p++, c.createArrayOf("text", q.teamIds().toArray()));
            ps.setTimestamp(p++, Timestamp.from(clipped.get(0)[0]));
            ps.setTimestamp(p++, Timestamp.from(clipped.get(clipped.size() - 1)[1]));
            for (Instant[] range : clipped) {
                ps.setTimestamp(p++, Timestamp.from(range[0]));
                ps.setTimestamp(p++, Timestamp.from(range[1]));
            }
            p = bindFilters(c, ps, p, q);
            for (List<String> values : StatsSql.rawFilterColumns(q.rawFilters()).values()) {
                if (!values.isEmpty()) {
                    ps.setArray(p++, c.createArrayOf("text", values.toArray()));
                }
            }
            if (which != StatsSql.Batches.ALL) {
                ps.setArray(p++, c.createArrayOf("bigint", batches));
            }
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                if (subtract) {
                    acc.subtractAll(rs);
                } else {
                    acc.addAll(rs, true);
                }
            }
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** Adjacent raw pieces joined into [from, to) ranges, so each range is one index range scan. */
    private static List<long[]> contiguous(List<Coverage.Piece> raw) {
        List<Coverage.Piece> sorted = new ArrayList<>(raw);
        sorted.sort(java.util.Comparator.comparingLong(Coverage.Piece::from));
        List<long[]> ranges = new ArrayList<>();
        for (Coverage.Piece piece : sorted) {
            long[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
            if (last != null && last[1] >= piece.from()) {
                last[1] = Math.max(last[1], piece.to());
            } else {
                ranges.add(new long[] {piece.from(), piece.to()});
            }
        }
        return ranges;
    }

    private static int bindFilters(Connection c, PreparedStatement ps, int p, StatsQuery q) throws SQLException {
        for (Set<String> values : q.filters().values()) {
            ps.setArray(p++, c.createArrayOf("text", values.toArray()));
        }
        return p;
    }

    private static List<Instant> bucketStarts(long[] boundaries) {
        List<Instant> starts = new ArrayList<>(boundaries.length - 1);
        for (int i = 0; i + 1 < boundaries.length; i++) {
            starts.add(Instant.ofEpochSecond(boundaries[i]));
        }
        return starts;
    }
}
