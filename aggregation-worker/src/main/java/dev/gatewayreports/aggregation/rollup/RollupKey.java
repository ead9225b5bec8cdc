package dev.gatewayreports.aggregation.rollup;

import java.util.Comparator;
import java.util.List;

/** The key of one rollup row: owner (team or organization), grain, bucket start (epoch seconds) and the shape's dimension values. */
record RollupKey(String owner, int grain, long bucketStart, List<String> dimensions) implements Comparable<RollupKey> {
    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

    /** The start of the grain-long bucket holding {@code epochSecond}; every grain divides a UTC day. */
    static long floor(long epochSecond, int grain) {
        return Math.floorDiv(epochSecond, grain) * grain;
    }

    @Override
    public int compareTo(RollupKey o) {
        int c = owner.compareTo(o.owner);
        c = c != 0 ? c : Integer.compare(grain, o.grain);
        c = c != 0 ? c : Long.compare(bucketStart, o.bucketStart);
        for (int i = 0; c == 0 && i < dimensions.size(); i++) {
            c = NULLS_FIRST.compare(dimensions.get(i), o.dimensions.get(i));
        }
        return c;
    }
}
