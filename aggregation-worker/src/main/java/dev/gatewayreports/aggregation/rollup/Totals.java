package dev.gatewayreports.aggregation.rollup;

import com.datadoghq.sketch.ddsketch.DDSketch;
import dev.gatewayreports.model.stats.LatencySketches;
import java.math.BigDecimal;
import java.util.Arrays;

/** The running sums of one rollup row's worth of events; exact (longs and BigDecimal). */
final class Totals {
    long requests;
    long errors;
    final long[] tokens = new long[6];
    BigDecimal credits = BigDecimal.ZERO;
    BigDecimal cost = BigDecimal.ZERO;
    final BigDecimal[] costParts = new BigDecimal[6];
    long unpriced;
    long latencySum;
    int latencyMin = Integer.MAX_VALUE;
    int latencyMax = Integer.MIN_VALUE;
    DDSketch sketch;

    Totals(boolean withSketch) {
        Arrays.fill(costParts, BigDecimal.ZERO);
        sketch = withSketch ? LatencySketches.empty() : null;
    }

    void add(EventRow e) {
        requests++;
        errors += e.error() ? 1 : 0;
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] += e.tokens()[i];
        }
        credits = e.credits() == null ? credits : credits.add(e.credits());
        cost = e.costUsd() == null ? cost : cost.add(e.costUsd());
        for (int i = 0; i < costParts.length; i++) {
            costParts[i] = e.costParts()[i] == null ? costParts[i] : costParts[i].add(e.costParts()[i]);
        }
        unpriced += e.unpriced() ? 1 : 0;
        latencySum += e.latencyMs();
        latencyMin = Math.min(latencyMin, e.latencyMs());
        latencyMax = Math.max(latencyMax, e.latencyMs());
        if (sketch != null) {
            sketch.accept(e.latencyMs());
        }
    }
}
