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
     */
    public record Limits(int maxBuckets, int maxRows, Duration rawBelow, String rawStatementTimeout) {
        public static final Limits DEFAULT = new Limits(10_000, 100_000, Duration.ofHours(3));

        public Limits(int maxBuckets, int maxRows, Duration rawBelow) {
            this(maxBuckets, maxRows, rawBelow, null);
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
        final Accumulator acc;

        Plan(
                StatsQuery q,
                long[] boundaries,
                Set<Dimension> dims,
                RollupTable table,
                Map<Integer, List<Coverage.Piece>> byGrain,
                List<long[]> rawRanges,
                Accumulator acc) {
            this.q = q;
            this.boundaries = boundaries;
            this.dims = dims;
            this.table = table;
            this.byGrain = byGrain;
            this.rawRanges = rawRanges;
            this.acc = acc;
            List<Coverage.Piece> pieces = new ArrayList<>();
            byGrain.forEach((grain, list) -> pieces.addAll(grain == 0 ? List.of() : list));
            this.rolled = pieces;
        }

        /** Raw events of this query may be read in a pass shared with others (no per-query filter). */
        boolean shareable() {
            return q.filters().isEmpty() && !q.rawFilters().any();
        }

        StatsResult result() {
            int rollupPieces = byGrain.entrySet().stream()
                    .filter(e -> e.getKey() != 0)
                    .mapToInt(e -> e.getValue().size())
                    .sum();
            return new StatsResult(
                    acc.rows(),
                    table == null ? "raw" : table.table,
                    rollupPieces,
                    rawRanges.size(),
                    bucketStarts(boundaries));
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
        List<Coverage.Piece> pieces = new ArrayList<>(Coverage.pieces(
                boundaries, start, Math.max(start, end), table == null ? new int[0] : table.grainsDescending));
        if (q.start().getNano() > 0 || q.end().getNano() > 0) {
            pieces.add(new Coverage.Piece(0, q.start().getEpochSecond(), start)); // sub-second slivers: raw
            pieces.add(new Coverage.Piece(0, end, end + 1));
        }
        Accumulator acc = new Accumulator(
                boundaries, q.groupBy().size(), q.measures().contains(Measure.LATENCY), limits.maxRows());
        Map<Integer, List<Coverage.Piece>> byGrain = new TreeMap<>();
        pieces.forEach(
                p -> byGrain.computeIfAbsent(p.grain(), g -> new ArrayList<>()).add(p));
        List<long[]> rawRanges = contiguous(byGrain.getOrDefault(0, List.of()));
        if (rawRanges.size() > MAX_RAW_RANGES) {
            // Many separate raw spans (sub-15-minute buckets): one pass over raw events answers it all.
            table = null;
            byGrain.clear();
            rawRanges = List.of(new long[] {q.start().getEpochSecond(), end + 1});
        }
        return new Plan(q, boundaries, dims, table, byGrain, rawRanges, acc);
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
            readRaw(c, q, dims, rawRanges, null, acc);
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
                        readRollup(c, p.table, e.getKey(), p.q, p.boundaries, e.getValue(), p.acc);
                    }
                }
            }
            PendingBatches pending = PendingBatches.read(c, plans.get(0).q.organizationId(), window(plans));
            SharedRawPass unfolded = new SharedRawPass(pending.ids());
            SharedRawPass edges = new SharedRawPass(null);
            for (Plan p : plans) {
                List<long[]> pendingRanges = pending.within(contiguous(p.rolled));
                boolean shared = p.shareable()
                        && p.q.organizationId().equals(plans.get(0).q.organizationId())
                        && p.q.teamIds().equals(plans.get(0).q.teamIds());
                if (shared) {
                    unfolded.add(p.q, p.dims, pendingRanges, p.acc);
                    edges.add(p.q, p.dims, p.rawRanges, p.acc);
                } else {
                    if (!pendingRanges.isEmpty()) {
                        readRaw(c, p.q, p.dims, pendingRanges, pending.ids(), p.acc);
                    }
                    if (!p.rawRanges.isEmpty()) {
                        readRaw(c, p.q, p.dims, p.rawRanges, null, p.acc);
                    }
                }
            }
            unfolded.read(c);
            edges.read(c);
        });
    }

    /** The span from the earliest start to the latest end of the queries, in epoch seconds, end exclusive. */
    private static long[] window(List<Plan> plans) {
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        for (Plan p : plans) {
            from = Math.min(from, p.q.start().getEpochSecond());
            to = Math.max(to, p.q.end().getEpochSecond() + 1);
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
            Accumulator acc)
            throws SQLException {
        List<long[]> ranges = contiguous(pieces);
        boolean grouped = boundaries.length == 2 && !q.measures().contains(Measure.LATENCY);
        String sql = StatsSql.rollup(t, q.groupBy(), q.filters().keySet(), ranges.size(), grouped);
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

    /** Raw events in the ranges; with {@code batches}, only the events of those ingest batches. */
    private static void readRaw(
            Connection c, StatsQuery q, Set<Dimension> dims, List<long[]> ranges, Long[] batches, Accumulator acc)
            throws SQLException {
        List<Instant[]> clipped = new ArrayList<>();
        for (long[] range : ranges) {
            Instant from = later(Instant.ofEpochSecond(range[0]), q.start());
            Instant to = earlier(Instant.ofEpochSecond(range[1]), q.end());
            if (from.isBefore(to)) {
                clipped.add(new Instant[] {from, to});
            }
        }
        if (clipped.isEmpty()) {
            return;
        }
        boolean errorsOnly = dims.contains(Dimension.ERROR_TYPE);
        String sql = StatsSql.raw(
                q.groupBy(), q.filters().keySet(), q.rawFilters(), errorsOnly, clipped.size(), batches != null, false);
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
            if (batches != null) {
                ps.setArray(p++, c.createArrayOf("bigint", batches));
            }
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                acc.addAll(rs, true);
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
