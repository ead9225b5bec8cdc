package dev.gatewayreports.model.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts each bucket's part of the window into the coarsest whole rollup buckets that fit inside it, and leaves
 * what no rollup bucket fits (a window edge off the 15-minute grid) to raw events. Every piece lies inside one
 * query bucket, so summing pieces per bucket is exact.
 *
 * <p>For figures that subtract exactly (counts and money, not latency sketches), {@link #signed} may instead read
 * a rollup bucket that the window covers only in part whole and subtract what of it lies outside the window: a
 * window ending at 13:51 reads the 13:00 hour row less the events of 13:51–14:00, not 51 minutes of raw events.
 */
public final class Coverage {
    /**
     * A span {@code [from, to)} in epoch seconds read at {@code grain} (0: from raw events), added ({@code sign} 1)
     * or subtracted (-1).
     */
    public record Piece(int grain, long from, long to, int sign) {
        public Piece(int grain, long from, long to) {
            this(grain, from, to, 1);
        }
    }

    /**
     * What one rollup bucket costs to read, in seconds of raw events: a bucket is one row per group, a raw second
     * the events of that second, and rows from rollups are summed in PostgreSQL while events travel to the engine
     * one by one. Measured on the 1M benchmark (all 50 teams, 501 API keys): an hour of API-key rollup rows took
     * about as long as 3–4 minutes of raw events. Only the choice between two covers of an edge depends on it.
     */
    static final long ROLLUP_BUCKET_COST = 60;

    private Coverage() {}

    public static List<Piece> pieces(long[] boundaries, long start, long end, int[] grainsDescending) {
        List<Piece> pieces = new ArrayList<>();
        for (int i = 0; i + 1 < boundaries.length; i++) {
            long a = Math.max(boundaries[i], start);
            long b = Math.min(boundaries[i + 1], end);
            if (a < b) {
                cover(a, b, grainsDescending, 0, pieces);
            }
        }
        return pieces;
    }

    private static void cover(long a, long b, int[] grains, int level, List<Piece> out) {
        if (level == grains.length) {
            out.add(new Piece(0, a, b));
            return;
        }
        int g = grains[level];
        long first = Math.floorDiv(a + g - 1, g) * g;
        long last = Math.floorDiv(b, g) * g;
        if (first >= last) {
            cover(a, b, grains, level + 1, out);
            return;
        }
        if (a < first) {
            cover(a, first, grains, level + 1, out);
        }
        out.add(new Piece(g, first, last));
        if (last < b) {
            cover(last, b, grains, level + 1, out);
        }
    }

    /**
     * The cheapest signed cover of the one span {@code [start, end)}: pieces whose signed sum is exactly the span.
     * Where a rollup bucket overlaps an edge of the span, it is either covered from finer grains and raw events, as
     * {@link #pieces} does, or read whole (sign 1) with its parts outside the span subtracted (sign -1; covered from
     * finer grains and raw events, never subtracted in turn), whichever reads fewer raw seconds and rollup buckets
     * ({@link #ROLLUP_BUCKET_COST}). Every subtracted piece lies outside the span. Buckets that start before {@code
     * subtractFrom} (epoch seconds; raw events there may be gone) are never read whole.
     */
    public static List<Piece> signed(long start, long end, int[] grainsDescending, long subtractFrom) {
        return new Signed(grainsDescending, subtractFrom).best(start, end, 0, true).pieces;
    }

    /** A cover and its cost. */
    private record Cover(List<Piece> pieces, long cost) {
        static final Cover EMPTY = new Cover(List.of(), 0);

        Cover plus(Cover other) {
            if (other.pieces.isEmpty()) {
                return this;
            }
            List<Piece> all = new ArrayList<>(pieces);
            all.addAll(other.pieces);
            return new Cover(all, cost + other.cost);
        }

        Cover negated() {
            return new Cover(
                    pieces.stream()
                            .map(p -> new Piece(p.grain(), p.from(), p.to(), -p.sign()))
                            .toList(),
                    cost);
        }
    }

    private record Signed(int[] grains, long subtractFrom) {
        /** [a, b) from grains[level] down; with {@code whole}, partly covered buckets may be read whole. */
        Cover best(long a, long b, int level, boolean whole) {
            if (a >= b) {
                return Cover.EMPTY;
            }
            if (level == grains.length) {
                return new Cover(List.of(new Piece(0, a, b)), b - a);
            }
            int g = grains[level];
            long first = Math.floorDiv(a + g - 1, g) * g;
            long last = Math.floorDiv(b, g) * g;
            if (first < last) {
                Cover middle = new Cover(List.of(new Piece(g, first, last)), (last - first) / g * ROLLUP_BUCKET_COST);
                return inBucket(a, first, level, whole).plus(middle).plus(inBucket(last, b, level, whole));
            }
            if (first == last) {
                return inBucket(a, first, level, whole).plus(inBucket(first, b, level, whole));
            }
            return inBucket(a, b, level, whole);
        }

        /** [a, b) inside one bucket of grains[level], not all of it. */
        private Cover inBucket(long a, long b, int level, boolean whole) {
            Cover finer = best(a, b, level + 1, whole);
            int g = grains[level];
            long bucket = Math.floorDiv(a, g) * g;
            if (!whole || a >= b || bucket < subtractFrom) {
                return finer;
            }
            Cover read = new Cover(List.of(new Piece(g, bucket, bucket + g)), ROLLUP_BUCKET_COST)
                    .plus(best(bucket, a, level + 1, false).negated())
                    .plus(best(b, bucket + g, level + 1, false).negated());
            return read.cost < finer.cost ? read : finer;
        }
    }
}
