package dev.gatewayreports.model.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts each bucket's part of the window into the coarsest whole rollup buckets that fit inside it, and leaves
 * what no rollup bucket fits (a window edge off the 15-minute grid) to raw events. Every piece lies inside one
 * query bucket, so summing pieces per bucket is exact.
 */
public final class Coverage {
    /** A span {@code [from, to)} in epoch seconds read at {@code grain} (0: from raw events). */
    public record Piece(int grain, long from, long to) {}

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
}
