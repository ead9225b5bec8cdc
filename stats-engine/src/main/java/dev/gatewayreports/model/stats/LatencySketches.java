package dev.gatewayreports.model.stats;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The latency sketch every rollup row carries: a DDSketch with 1% relative accuracy (logarithmic mapping,
 * unbounded dense store, so it never collapses), stored in sketches-java's compact binary encoding.
 */
public final class LatencySketches {
    /** Relative accuracy of every quantile read from a sketch. */
    public static final double RELATIVE_ACCURACY = 0.01;

    private LatencySketches() {}

    public static DDSketch empty() {
        return DDSketches.logarithmicUnboundedDense(RELATIVE_ACCURACY);
    }

    public static byte[] encode(DDSketch sketch) {
        GrowingByteArrayOutput out = GrowingByteArrayOutput.withDefaultInitialCapacity();
        try {
            sketch.encode(out, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.trimmedCopy();
    }

    /** Adds an encoded sketch to {@code into}; null or empty input adds nothing. */
    public static void mergeInto(DDSketch into, byte[] encoded) {
        if (encoded == null || encoded.length == 0) {
            return;
        }
        try {
            into.decodeAndMergeWith(ByteArrayInput.wrap(encoded));
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt latency sketch", e);
        }
    }

    public static DDSketch decode(byte[] encoded) {
        DDSketch sketch = empty();
        mergeInto(sketch, encoded);
        return sketch;
    }

    /**
     * The value at percentile {@code p} (0–100) in the sense of SQL's {@code percentile_disc}: the smallest value
     * whose cumulative share reaches p. DDSketch counts ranks as q·(n−1); the rank is translated so the answer
     * is within 1% of exactly that element, whatever n.
     */
    public static double percentileDisc(DDSketch sketch, double p) {
        double n = sketch.getCount();
        if (n <= 1) {
            return sketch.getValueAtQuantile(0);
        }
        double rank = Math.max(0, Math.ceil(p / 100.0 * n) - 1);
        // Half a rank up, so rounding of the quantile never lands on the rank below.
        return sketch.getValueAtQuantile(Math.min(1.0, (rank + 0.5) / (n - 1)));
    }

    /**
     * {@link #percentileDisc(DDSketch, double)} kept inside the exact {@code [min, max]} of the sketched values.
     * A bucket's representative value may lie up to 1% beyond the values it holds (two events of 29,000 and
     * 30,000 ms read p50 ≈ 28,862 and p95 ≈ 30,040); an exact percentile never leaves [min, max], so clamping only
     * moves the estimate closer to the exact answer.
     */
    public static double percentileDisc(DDSketch sketch, double p, double min, double max) {
        return Math.clamp(percentileDisc(sketch, p), min, max);
    }
}
