package dev.gatewayreports.model.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datadoghq.sketch.ddsketch.DDSketch;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Sketch percentiles stay inside the exact [min, max] of their group. */
class PercentileClampTest {
    private static final long[] NO_TOKENS = new long[6];
    private static final BigDecimal[] NO_COST = new BigDecimal[Figures.COST_PARTS];

    private static Figures of(int... latencies) {
        Figures f = Figures.empty(true);
        for (int ms : latencies) {
            f.addEvent(false, NO_TOKENS, null, null, null, NO_COST, false, ms);
        }
        return f;
    }

    @Test
    void shouldKeepTheClampedReadInsideTheBounds() {
        DDSketch sketch = LatencySketches.empty();
        sketch.accept(29_000);
        sketch.accept(30_000);
        // The bare sketch overshoots both ends: ~28,862 ms at p50, ~30,040 ms at p95 and p99.
        assertTrue(LatencySketches.percentileDisc(sketch, 50) < 29_000);
        assertTrue(LatencySketches.percentileDisc(sketch, 95) > 30_000);
        assertEquals(29_000, LatencySketches.percentileDisc(sketch, 50, 29_000, 30_000));
        assertEquals(30_000, LatencySketches.percentileDisc(sketch, 95, 29_000, 30_000));
        assertEquals(30_000, LatencySketches.percentileDisc(sketch, 99, 29_000, 30_000));
        // Inside the bounds the estimate is left as it is.
        double p95 = LatencySketches.percentileDisc(sketch, 95);
        assertEquals(p95, LatencySketches.percentileDisc(sketch, 95, 0, 40_000));
    }

    @Test
    void shouldClampEveryPercentileOfAGroupToItsExactMinAndMax() {
        Figures f = of(29_000, 30_000);
        for (double p : new double[] {0, 1, 50, 95, 99, 99.9, 100}) {
            double v = f.latencyPercentile(p);
            assertTrue(v >= 29_000 && v <= 30_000, "p" + p + " = " + v + " is outside [29000, 30000]");
        }
        assertEquals(30_000, f.latencyPercentile(95));
        assertEquals(29_000, f.latencyPercentile(50));
    }

    @Test
    void shouldClampAfterMergingGroups() {
        Figures f = of(1_000);
        f.add(of(1_000));
        // Two equal events: the bucket's representative value is ~1,002.4 ms, the exact answer is 1,000.
        assertEquals(1_000, f.latencyPercentile(95));
        assertEquals(1_000, f.latencyPercentile(50));
    }

    @Test
    void shouldNotInventBoundsForAnEmptyGroup() {
        assertNull(Figures.empty(true).latencyPercentile(95));
    }
}
