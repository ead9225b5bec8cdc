package dev.gatewayreports.model.rollup;

import com.datadoghq.sketch.ddsketch.DDSketch;
import dev.gatewayreports.model.stats.LatencySketches;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one cycle's events add to the latency sketches of the rollups that keep one, per shape, in key order; every
 * other figure of those rows (sums, counts, latency min and max) is folded in SQL ({@link SqlFold}). The events
 * arrive grouped by PostgreSQL: one row per organization, team, quarter-hour, provider, model and latency in ms with
 * its count, so only those narrow rows travel. {@code sketch.accept(latency, count)} adds {@code count} to the same
 * bin {@code count} calls of {@code accept(latency)} would (latencies are whole milliseconds; a bin's count is a
 * double, exact for whole numbers below 2^53), so the sketches are bit for bit those of a per-event fold.
 */
public final class Deltas {
    /**
     * The bucket the events are grouped by in SQL: every grain of a shape with a sketch is a multiple of it, so each
     * of their rows is a union of these.
     */
    static final int FINEST = 900;

    /** The latencies of {@code where}'s events (a predicate over {@code usage_event e}), grouped as folded. */
    static final String LATENCIES = """
            select e.org_id, e.team_id, floor(extract(epoch from e.occurred_at) / %d)::bigint * %d,
                   e.provider, e.model, e.latency_ms, count(*)
            from usage_event e where (%s)
            group by 1, 2, 3, 4, 5, 6
            """;

    static {
        for (Shape shape : Shape.values()) {
            if (shape.latency && shape.grains[0] % FINEST != 0) {
                throw new IllegalStateException(shape + ": a sketch shape's grains must be multiples of " + FINEST);
            }
        }
    }

    private final Map<Shape, HashMap<RollupKey, DDSketch>> byShape = new EnumMap<>(Shape.class);
    private final SortedSet<String> teams = new TreeSet<>();
    private long events;

    /** The sketch deltas of {@code events}, read in one grouped query. */
    public static Deltas read(Connection c, SqlFold.Events events) throws SQLException {
        Deltas deltas = new Deltas();
        try (PreparedStatement ps = c.prepareStatement(LATENCIES.formatted(FINEST, FINEST, events.where()))) {
            events.binder().bind(ps, 1);
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    deltas.fold(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getLong(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getInt(6),
                            rs.getLong(7));
                }
            }
        }
        return deltas;
    }

    /**
     * Adds {@code count} events of one latency to their row of every shape with a sketch, at the shape's finest grain.
     */
    void fold(String org, String team, long quarterHour, String provider, String model, int latencyMs, long count) {
        events += count;
        teams.add(WorkQueue.teamLock(org, team));
        teams.add(WorkQueue.orgLock(org));
        for (Shape shape : Shape.values()) {
            if (!shape.latency) {
                continue;
            }
            int finest = shape.grains[0];
            String[] dimensions = new String[shape.dimensions.size()];
            for (int d = 0; d < dimensions.length; d++) {
                dimensions[d] = switch (shape.dimensions.get(d)) {
                    case "provider" -> provider;
                    case "model" -> model;
                    default -> throw new IllegalStateException(shape + ": no sketch by " + shape.dimensions.get(d));
                };
            }
            RollupKey key = new RollupKey(
                    org, shape.perTeam ? team : null, finest, RollupKey.floor(quarterHour, finest), dimensions);
            byShape.computeIfAbsent(shape, s -> new HashMap<>())
                    .computeIfAbsent(key, k -> LatencySketches.empty())
                    .accept(latencyMs, count);
        }
    }

    /**
     * The shape's sketches in key order (the order rows are written and locked in): the finest grain as folded, each
     * coarser grain merged from the one below it.
     */
    public TreeMap<RollupKey, DDSketch> rows(Shape shape) {
        Map<RollupKey, DDSketch> finer = byShape.getOrDefault(shape, new HashMap<>());
        TreeMap<RollupKey, DDSketch> all = new TreeMap<>(finer);
        for (int g = 1; g < shape.grains.length; g++) {
            Map<RollupKey, DDSketch> coarser = new HashMap<>();
            for (Map.Entry<RollupKey, DDSketch> row : finer.entrySet()) {
                coarser.computeIfAbsent(row.getKey().coarser(shape.grains[g]), k -> LatencySketches.empty())
                        .mergeWith(row.getValue());
            }
            all.putAll(coarser);
            finer = coarser;
        }
        return all;
    }

    /** The lock names of the owners (teams and organizations) whose rollup rows this cycle writes, sorted. */
    public SortedSet<String> teams() {
        return teams;
    }

    public long events() {
        return events;
    }
}
