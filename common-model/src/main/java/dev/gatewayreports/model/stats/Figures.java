package dev.gatewayreports.model.stats;

import com.datadoghq.sketch.ddsketch.DDSketch;
import java.math.BigDecimal;
import java.util.Arrays;

/** The figures of one group of events: exact counts and money, latency with a mergeable sketch. */
public final class Figures {
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
    final DDSketch sketch;

    Figures(boolean latency) {
        Arrays.fill(costParts, BigDecimal.ZERO);
        sketch = latency ? LatencySketches.empty() : null;
    }

    public long requests() {
        return requests;
    }

    public long errors() {
        return errors;
    }

    public long successes() {
        return requests - errors;
    }

    public long inputTokens() {
        return tokens[0];
    }

    public long cacheReadInputTokens() {
        return tokens[1];
    }

    public long cacheCreation5mInputTokens() {
        return tokens[2];
    }

    public long cacheCreation1hInputTokens() {
        return tokens[3];
    }

    public long outputTokens() {
        return tokens[4];
    }

    public long webSearchRequests() {
        return tokens[5];
    }

    public BigDecimal credits() {
        return credits;
    }

    public BigDecimal costUsd() {
        return cost;
    }

    /** USD per token type: input, output, cache read, cache write 5m, cache write 1h, web search. */
    public BigDecimal costPart(int index) {
        return costParts[index];
    }

    public long unpricedRequests() {
        return unpriced;
    }

    public long latencySum() {
        return latencySum;
    }

    /** Null when there were no requests. */
    public Integer latencyMin() {
        return requests == 0 ? null : latencyMin;
    }

    public Integer latencyMax() {
        return requests == 0 ? null : latencyMax;
    }

    /** Mean latency, or null when there were no requests. */
    public Double latencyAvg() {
        return requests == 0 ? null : (double) latencySum / requests;
    }

    /** The latency percentile (0–100), within 1% of percentile_disc over the same events; null when empty. */
    public Double latencyPercentile(double p) {
        if (sketch == null) {
            throw new IllegalStateException("the query did not ask for latency");
        }
        return sketch.isEmpty() ? null : LatencySketches.percentileDisc(sketch, p);
    }
}
