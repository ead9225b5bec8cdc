package dev.gatewayreports.model.rollup;

import dev.gatewayreports.model.stats.Figures;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** What one cycle's events add to every rollup row they touch, per shape, in key order. */
public final class Deltas {
    private final Map<Shape, HashMap<RollupKey, Figures>> byShape = new EnumMap<>(Shape.class);
    private final SortedSet<String> teams = new TreeSet<>();
    private long events;

    /**
     * Adds one event to its row of every shape with a latency sketch, at the shape's finest grain (the other shapes
     * are folded in SQL, {@link SqlFold}).
     */
    public void fold(EventRow e) {
        events++;
        teams.add(WorkQueue.teamLock(e.orgId(), e.teamId()));
        teams.add(WorkQueue.orgLock(e.orgId()));
        for (Shape shape : Shape.values()) {
            if (!shape.latency || !shape.folds.test(e)) {
                continue;
            }
            int finest = shape.grains[0];
            RollupKey key = new RollupKey(
                    e.orgId(),
                    shape.perTeam ? e.teamId() : null,
                    finest,
                    RollupKey.floor(e.occurredAtEpochSecond(), finest),
                    shape.dimensionValues.apply(e));
            byShape.computeIfAbsent(shape, s -> new HashMap<>())
                    .computeIfAbsent(key, k -> Figures.empty(shape.latency))
                    .addEvent(
                            e.error(),
                            e.tokens(),
                            e.codeExecutionHours(),
                            e.credits(),
                            e.costUsd(),
                            e.costParts(),
                            e.unpriced(),
                            e.latencyMs());
        }
    }

    /**
     * The shape's rows in key order (the order rows are written and locked in): the finest grain as folded, each
     * coarser grain derived from the one below it.
     */
    public TreeMap<RollupKey, Figures> rows(Shape shape) {
        Map<RollupKey, Figures> finer = byShape.getOrDefault(shape, new HashMap<>());
        TreeMap<RollupKey, Figures> all = new TreeMap<>(finer);
        for (int g = 1; g < shape.grains.length; g++) {
            Map<RollupKey, Figures> coarser = new HashMap<>();
            for (Map.Entry<RollupKey, Figures> row : finer.entrySet()) {
                coarser.computeIfAbsent(row.getKey().coarser(shape.grains[g]), k -> Figures.empty(shape.latency))
                        .add(row.getValue());
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

    /**
     * The team-days of organization {@code orgId} these events fall on (UTC days), from the team rollup's keys at
     * their finest grain (every event has one there): what {@link KeptList#trim} trims.
     */
    SortedSet<KeptList.TeamDay> teamDays(String orgId) {
        SortedSet<KeptList.TeamDay> days = new TreeSet<>();
        for (RollupKey k : byShape.getOrDefault(Shape.TEAM, new HashMap<>()).keySet()) {
            if (k.org().equals(orgId)) {
                days.add(new KeptList.TeamDay(k.team(), Math.floorDiv(k.bucketStart(), 86400)));
            }
        }
        return days;
    }

    public long events() {
        return events;
    }
}
