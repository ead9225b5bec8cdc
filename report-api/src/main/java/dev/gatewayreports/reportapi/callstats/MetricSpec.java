package dev.gatewayreports.reportapi.callstats;

import java.math.BigDecimal;
import java.util.List;

/** One validated metric: its name, aggregations ({@code sum avg min max count}) and percentiles (0–100). */
record MetricSpec(String metric, List<String> aggregations, List<Double> percentiles) {

    static final List<String> AGGREGATIONS = List.of("sum", "avg", "min", "max", "count");
    static final List<String> USAGE =
            List.of("input_tokens", "output_tokens", "total_tokens", "input_cost", "output_cost", "total_cost");
    static final List<String> CALL = List.of("call_count", "error_count", "latency_ms");

    boolean needsDistribution() {
        return !percentiles.isEmpty() || aggregations.contains("min") || aggregations.contains("max");
    }

    /** {@code p50_latency_ms}, {@code p99.9_latency_ms}. */
    String percentileKey(double p) {
        return "p" + BigDecimal.valueOf(p).stripTrailingZeros().toPlainString() + "_" + metric;
    }

    boolean isMoney() {
        return metric.endsWith("_cost");
    }
}
