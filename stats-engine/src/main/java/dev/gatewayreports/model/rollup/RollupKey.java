package dev.gatewayreports.model.rollup;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The key of one rollup row: owner (organization, and team for the per-team tables), grain, bucket start (epoch
 * seconds) and the shape's dimension values. Its hash is computed once: a cycle looks keys up millions of times.
 */
public final class RollupKey implements Comparable<RollupKey> {
    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

    private final String org;
    /** The team of {@link #org}, or null in the organization-wide tables. */
    private final String team;

    private final int grain;
    private final long bucketStart;
    private final String[] dimensions;
    private final int hash;

    RollupKey(String org, String team, int grain, long bucketStart, String[] dimensions) {
        this.org = org;
        this.team = team;
        this.grain = grain;
        this.bucketStart = bucketStart;
        this.dimensions = dimensions;
        this.hash =
                31 * (31 * (31 * (31 * org.hashCode() + Objects.hashCode(team)) + grain) + Long.hashCode(bucketStart))
                        + Arrays.hashCode(dimensions);
    }

    /** The start of the grain-long bucket holding {@code epochSecond}; from the epoch (a week's buckets start on Thursdays, 00:00 UTC). */
    static long floor(long epochSecond, int grain) {
        return Math.floorDiv(epochSecond, grain) * grain;
    }

    /** The same row at a coarser grain. */
    RollupKey coarser(int coarserGrain) {
        return new RollupKey(org, team, coarserGrain, floor(bucketStart, coarserGrain), dimensions);
    }

    String org() {
        return org;
    }

    String team() {
        return team;
    }

    int grain() {
        return grain;
    }

    long bucketStart() {
        return bucketStart;
    }

    List<String> dimensions() {
        return Arrays.asList(dimensions);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RollupKey k
                && hash == k.hash
                && grain == k.grain
                && bucketStart == k.bucketStart
                && org.equals(k.org)
                && Objects.equals(team, k.team)
                && Arrays.equals(dimensions, k.dimensions);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(RollupKey o) {
        int c = org.compareTo(o.org);
        c = c != 0 ? c : NULLS_FIRST.compare(team, o.team);
        c = c != 0 ? c : Integer.compare(grain, o.grain);
        c = c != 0 ? c : Long.compare(bucketStart, o.bucketStart);
        for (int i = 0; c == 0 && i < dimensions.length; i++) {
            c = NULLS_FIRST.compare(dimensions[i], o.dimensions[i]);
        }
        return c;
    }
}
