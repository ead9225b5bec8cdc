package dev.gatewayreports.model.stats;

import com.datadoghq.sketch.ddsketch.DDSketch;
import java.math.BigDecimal;
import java.util.Arrays;

/**
 * The figures of one group of events: exact counts and money, latency with a mergeable sketch. The worker sums
 * events into them for rollup rows; the engine sums rollup rows and events into them for answers.
 */
public final class Figures {
    /** Cost parts: input, output, cache read, cache write 5m, cache write 1h, web search, code execution. */
    public static final int COST_PARTS = 7;

    long requests;
    long errors;
    final long[] tokens = new long[6];
    BigDecimal codeExecutionHours = BigDecimal.ZERO;
    BigDecimal credits = BigDecimal.ZERO;
    BigDecimal cost = BigDecimal.ZERO;
    /** One per priced unit, in {@link #costPart(int)}'s order. */
    final BigDecimal[] costParts = new BigDecimal[COST_PARTS];

    long unpriced;
    long latencySum;
    int latencyMin = Integer.MAX_VALUE;
    int latencyMax = Integer.MIN_VALUE;
    final DDSketch sketch;

    Figures(boolean latency) {
        Arrays.fill(costParts, BigDecimal.ZERO);
        sketch = latency ? LatencySketches.empty() : null;
    }

    /** Empty figures; with a latency sketch or without. */
    public static Figures empty(boolean latency) {
        return new Figures(latency);
    }

    /**
     * Adds one event.
     *
     * @param tokens input, cache read, cache write 5m, cache write 1h, output, web-search requests
     * @param codeExecutionHours container-hours of code execution (null as zero)
     * @param costParts per token type in {@link #costPart(int)}'s order (null where not priced by the book)
     */
    public void addEvent(
            boolean error,
            long[] tokens,
            BigDecimal codeExecutionHours,
            BigDecimal credits,
            BigDecimal cost,
            BigDecimal[] costParts,
            boolean unpriced,
            int latencyMs) {
        requests++;
        errors += error ? 1 : 0;
        for (int i = 0; i < this.tokens.length; i++) {
            this.tokens[i] += tokens[i];
        }
        this.codeExecutionHours =
                codeExecutionHours == null ? this.codeExecutionHours : this.codeExecutionHours.add(codeExecutionHours);
        this.credits = credits == null ? this.credits : this.credits.add(credits);
        this.cost = cost == null ? this.cost : this.cost.add(cost);
        for (int i = 0; i < this.costParts.length; i++) {
            this.costParts[i] = costParts[i] == null ? this.costParts[i] : this.costParts[i].add(costParts[i]);
        }
        this.unpriced += unpriced ? 1 : 0;
        latencySum += latencyMs;
        latencyMin = Math.min(latencyMin, latencyMs);
        latencyMax = Math.max(latencyMax, latencyMs);
        if (sketch != null) {
            sketch.accept(latencyMs);
        }
    }

    /** Adds other figures (of disjoint events) to these. */
    public void add(Figures other) {
        requests += other.requests;
        errors += other.errors;
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] += other.tokens[i];
        }
        codeExecutionHours = codeExecutionHours.add(other.codeExecutionHours);
        credits = credits.add(other.credits);
        cost = cost.add(other.cost);
        for (int i = 0; i < costParts.length; i++) {
            costParts[i] = costParts[i].add(other.costParts[i]);
        }
        unpriced += other.unpriced;
        latencySum += other.latencySum;
        latencyMin = Math.min(latencyMin, other.latencyMin);
        latencyMax = Math.max(latencyMax, other.latencyMax);
        if (sketch != null && other.sketch != null) {
            sketch.mergeWith(other.sketch);
        }
    }

    /**
     * Subtracts other figures (of events these hold) from these: counts, tokens, money and the latency sum. Latency
     * bounds and sketches do not subtract, so these must keep no sketch.
     */
    void subtract(Figures other) {
        if (sketch != null) {
            throw new IllegalStateException("latency sketches do not subtract");
        }
        requests -= other.requests;
        errors -= other.errors;
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] -= other.tokens[i];
        }
        codeExecutionHours = codeExecutionHours.subtract(other.codeExecutionHours);
        credits = credits.subtract(other.credits);
        cost = cost.subtract(other.cost);
        for (int i = 0; i < costParts.length; i++) {
            costParts[i] = costParts[i].subtract(other.costParts[i]);
        }
        unpriced -= other.unpriced;
        latencySum -= other.latencySum;
    }

    /** The latency sketch, or null when these figures keep none. */
    public DDSketch sketch() {
        return sketch;
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

    /** Container-hours of code execution, exact. */
    public BigDecimal codeExecutionHours() {
        return codeExecutionHours;
    }

    public BigDecimal credits() {
        return credits;
    }

    public BigDecimal costUsd() {
        return cost;
    }

    /**
     * USD per priced unit: 0 input, 1 output, 2 cache read, 3 cache write 5m, 4 cache write 1h, 5 web search, 6 code
     * execution ({@link #COST_PARTS} in all). Their sum is the cost of the events the price book priced; cost the
     * gateway reported as a whole has no parts.
     */
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

    /**
     * The latency percentile (0–100), within 1% of percentile_disc over the same events and never outside their
     * exact min and max; null when empty. Every percentile the APIs answer is read here.
     */
    public Double latencyPercentile(double p) {
        if (sketch == null) {
            throw new IllegalStateException("the query did not ask for latency");
        }
        if (sketch.isEmpty()) {
            return null;
        }
        // Bounds are known once any event or rollup row with a latency min/max was added; none are invented.
        return latencyMin <= latencyMax
                ? LatencySketches.percentileDisc(sketch, p, latencyMin, latencyMax)
                : LatencySketches.percentileDisc(sketch, p);
    }
}
