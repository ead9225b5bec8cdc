package dev.gatewayreports.reportapi.callstats;

import dev.gatewayreports.model.stats.Figures;
import dev.gatewayreports.reportapi.callstats.UsageDistributionRepository.Distribution;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Map;

/** The values of one metric in one bucket, under their response keys. */
final class MetricValues {
    /** USD in /calls/stats: at most 6 decimals, as in the reports family. */
    static final int MONEY_SCALE = 6;

    private MetricValues() {}

    static void usage(Map<String, Object> bucket, MetricSpec m, Figures f, Distribution d) {
        for (String agg : m.aggregations()) {
            String key = agg + "_" + m.metric();
            switch (agg) {
                case "sum" ->
                    bucket.put(key, m.isMoney() ? money(usageMoney(m.metric(), f)) : usageTokens(m.metric(), f));
                case "count" -> bucket.put(key, f.requests());
                case "avg" -> bucket.put(key, avg(m, f));
                case "min" -> bucket.put(key, d == null ? null : number(m, d.min()));
                case "max" -> bucket.put(key, d == null ? null : number(m, d.max()));
                default -> throw new IllegalStateException(agg);
            }
        }
        for (int i = 0; i < m.percentiles().size(); i++) {
            bucket.put(
                    m.percentileKey(m.percentiles().get(i)),
                    d == null ? null : number(m, d.percentiles().get(i)));
        }
    }

    static void call(Map<String, Object> bucket, MetricSpec m, Figures f) {
        long n = f.requests();
        long ones = switch (m.metric()) {
            case "call_count" -> n;
            case "error_count" -> f.errors();
            default -> -1;
        };
        for (String agg : m.aggregations()) {
            String key = agg + "_" + m.metric();
            Object value = ones < 0
                    ? latency(agg, f)
                    : switch (agg) {
                        case "sum" -> ones;
                        case "count" -> n;
                        case "avg" -> (double) ones / n;
                        case "min" -> ones == n ? 1 : 0;
                        case "max" -> ones > 0 ? 1 : 0;
                        default -> throw new IllegalStateException(agg);
                    };
            bucket.put(key, value);
        }
        for (double p : m.percentiles()) {
            Object value = ones < 0 ? f.latencyPercentile(p) : zeroOnePercentile(n - ones, n, p);
            bucket.put(m.percentileKey(p), value);
        }
    }

    private static Object latency(String agg, Figures f) {
        return switch (agg) {
            case "sum" -> f.latencySum();
            case "count" -> f.requests();
            case "avg" -> f.latencyAvg();
            case "min" -> f.latencyMin();
            case "max" -> f.latencyMax();
            default -> throw new IllegalStateException(agg);
        };
    }

    /** percentile_disc over n values of which {@code zeros} are 0 and the rest 1. */
    static int zeroOnePercentile(long zeros, long n, double p) {
        return zeros > 0 && (double) zeros / n >= p / 100.0 ? 0 : 1;
    }

    static long usageTokens(String metric, Figures f) {
        long input = f.inputTokens()
                + f.cacheReadInputTokens()
                + f.cacheCreation5mInputTokens()
                + f.cacheCreation1hInputTokens();
        return switch (metric) {
            case "input_tokens" -> input;
            case "output_tokens" -> f.outputTokens();
            case "total_tokens" -> input + f.outputTokens();
            default -> throw new IllegalStateException(metric);
        };
    }

    /** Exact USD: input = uncached input + cache reads + cache writes; total = everything, web search and code execution included. */
    static BigDecimal usageMoney(String metric, Figures f) {
        return switch (metric) {
            case "input_cost" ->
                f.costPart(0).add(f.costPart(2)).add(f.costPart(3)).add(f.costPart(4));
            case "output_cost" -> f.costPart(1);
            case "total_cost" -> f.costUsd();
            default -> throw new IllegalStateException(metric);
        };
    }

    private static Object avg(MetricSpec m, Figures f) {
        if (m.isMoney()) {
            return usageMoney(m.metric(), f)
                    .divide(BigDecimal.valueOf(f.requests()), MONEY_SCALE, RoundingMode.HALF_EVEN);
        }
        return (double) usageTokens(m.metric(), f) / f.requests();
    }

    private static Object number(MetricSpec m, BigDecimal v) {
        if (v == null) {
            return null;
        }
        return m.isMoney() ? money(v) : (Object) v.round(MathContext.DECIMAL64).longValue();
    }

    static BigDecimal money(BigDecimal usd) {
        return usd.setScale(MONEY_SCALE, RoundingMode.HALF_EVEN);
    }
}
