package dev.gatewayreports.aggregation.rollup;

import dev.gatewayreports.model.stats.Figures;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** What one cycle's events add to every rollup row they touch, per shape, in key order. */
final class Deltas {
    private final Map<Shape, HashMap<RollupKey, Figures>> byShape = new EnumMap<>(Shape.class);
    private final SortedSet<String> teams = new TreeSet<>();
    private long events;

    void fold(EventRow e) {
        events++;
        teams.add("team:" + e.teamId());
        teams.add("org:" + e.orgId());
        for (Shape shape : Shape.values()) {
            if (!shape.folds.test(e)) {
                continue;
            }
            var rows = byShape.computeIfAbsent(shape, s -> new HashMap<>());
            var dims = shape.dimensionValues.apply(e);
            for (int grain : shape.grains) {
                RollupKey key = new RollupKey(
                        shape.owner.apply(e), grain, RollupKey.floor(e.occurredAtEpochSecond(), grain), dims);
                rows.computeIfAbsent(key, k -> Figures.empty(shape.latency))
                        .addEvent(
                                e.error(),
                                e.tokens(),
                                e.credits(),
                                e.costUsd(),
                                e.costParts(),
                                e.unpriced(),
                                e.latencyMs());
            }
        }
    }

    /** The shape's rows in key order (the order rows are written and locked in). */
    TreeMap<RollupKey, Figures> rows(Shape shape) {
        return new TreeMap<>(byShape.getOrDefault(shape, new HashMap<>()));
    }

    /** The owners (teams and organizations) whose rollup rows this cycle writes, sorted. */
    SortedSet<String> teams() {
        return teams;
    }

    long events() {
        return events;
    }
}
