package dev.gatewayreports.reportapi.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Figures computed in plain Java from the events that were sent: what the report must say. */
final class Independent {
    long requests;
    long errors;
    final long[] tokens = new long[6];
    BigDecimal credits = BigDecimal.ZERO;
    BigDecimal cost = BigDecimal.ZERO;
    long unpriced;
    final List<Integer> latencies = new ArrayList<>();

    /** @param pricedCost the cost the price book gave events sent without one (by request id; null: unpriced) */
    static Independent of(Collection<SampleEvents.Sample> samples, Map<String, BigDecimal> pricedCost) {
        Independent f = new Independent();
        for (SampleEvents.Sample s : samples) {
            f.requests++;
            f.errors += s.error() ? 1 : 0;
            for (int i = 0; i < 6; i++) {
                f.tokens[i] += s.tokens()[i];
            }
            f.credits = f.credits.add(s.credits());
            BigDecimal cost = s.costUsd() != null ? s.costUsd() : pricedCost.get(s.requestId());
            if (cost == null) {
                f.unpriced++;
            } else {
                f.cost = f.cost.add(cost);
            }
            f.latencies.add(s.latencyMs());
        }
        f.latencies.sort(null);
        return f;
    }

    long totalTokens() {
        return tokens[0] + tokens[1] + tokens[2] + tokens[3] + tokens[4];
    }

    /** percentile_disc: the smallest value with at least p % of the values at or below it. */
    Integer percentile(double p) {
        if (latencies.isEmpty()) {
            return null;
        }
        int index = (int) Math.ceil(p / 100.0 * latencies.size()) - 1;
        return latencies.get(Math.max(0, index));
    }

    Double average() {
        return latencies.isEmpty()
                ? null
                : latencies.stream().mapToLong(Integer::longValue).sum() / (double) latencies.size();
    }

    static BigDecimal money(BigDecimal value) {
        return value.setScale(6, RoundingMode.HALF_EVEN);
    }

    static BigDecimal percent(long part, long whole) {
        return BigDecimal.valueOf(part * 100).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
    }
}
