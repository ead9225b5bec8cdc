package dev.gatewayreports.reportapi.reports;

import static dev.gatewayreports.reportapi.reports.ReportNumbers.JSON;
import static dev.gatewayreports.reportapi.reports.ReportNumbers.millis;
import static dev.gatewayreports.reportapi.reports.ReportNumbers.money;
import static dev.gatewayreports.reportapi.reports.ReportNumbers.percent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatewayreports.model.stats.Figures;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The rows of each section, built from the engine's figures (keys as in docs/report-object.md). */
final class ReportRows {
    private ReportRows() {}

    /** The figures of {@code summary} and of its previous period. */
    static ObjectNode summaryFigures(Figures f) {
        ObjectNode o = JSON.objectNode();
        o.put("total_requests", f.requests());
        o.put("successful_requests", f.successes());
        o.put("failed_requests", f.errors());
        o.set("error_rate", percent(f.errors(), f.requests()));
        o.set("total_credits_used", money(f.credits()));
        o.set("total_cost_usd", money(f.costUsd()));
        o.put("unpriced_requests", f.unpricedRequests());
        tokens(o, f);
        o.set("avg_latency_ms", millis(f.latencyAvg()));
        o.set("p95_latency_ms", millis(f.latencyPercentile(95)));
        return o;
    }

    /** A {@code daily_trend} or {@code hourly_trend} row. */
    static ObjectNode trend(String key, String value, Figures f) {
        ObjectNode o = JSON.objectNode();
        o.put(key, value);
        o.put("requests", f.requests());
        o.put("successful_requests", f.successes());
        o.put("errors", f.errors());
        o.set("error_rate", percent(f.errors(), f.requests()));
        o.set("credits", money(f.credits()));
        o.set("cost_usd", money(f.costUsd()));
        tokens(o, f);
        return o;
    }

    /** A row of {@code by_provider} or {@code by_api_key}. */
    static ObjectNode share(String key, String value, Figures f, long totalRequests) {
        ObjectNode o = JSON.objectNode();
        o.put(key, value);
        o.put("requests", f.requests());
        o.set("percentage", percent(f.requests(), totalRequests));
        o.set("credits", money(f.credits()));
        o.set("cost_usd", money(f.costUsd()));
        return o;
    }

    /** A row of {@code by_model}. */
    static ObjectNode model(String model, String provider, Figures f, long totalRequests) {
        ObjectNode o = JSON.objectNode();
        o.put("model", model);
        o.put("provider", provider);
        o.put("requests", f.requests());
        o.set("percentage", percent(f.requests(), totalRequests));
        o.set("credits", money(f.credits()));
        o.set("cost_usd", money(f.costUsd()));
        tokens(o, f);
        o.set("p95_latency_ms", millis(f.latencyPercentile(95)));
        return o;
    }

    /** Latency figures of {@code performance}, overall or of one model. */
    static ObjectNode latency(ObjectNode o, Figures f) {
        o.put("requests", f.requests());
        o.set("avg_latency_ms", millis(f.latencyAvg()));
        o.set("p50_latency_ms", millis(f.latencyPercentile(50)));
        o.set("p95_latency_ms", millis(f.latencyPercentile(95)));
        o.set("p99_latency_ms", millis(f.latencyPercentile(99)));
        o.set("max_latency_ms", millis(f.latencyMax()));
        return o;
    }

    private static void tokens(ObjectNode o, Figures f) {
        o.put("input_tokens", f.inputTokens());
        o.put("output_tokens", f.outputTokens());
        o.put("cache_read_input_tokens", f.cacheReadInputTokens());
        o.put("cache_creation_5m_input_tokens", f.cacheCreation5mInputTokens());
        o.put("cache_creation_1h_input_tokens", f.cacheCreation1hInputTokens());
        o.put("web_search_requests", f.webSearchRequests());
        o.put("total_tokens", totalTokens(f));
    }

    static long totalTokens(Figures f) {
        return f.inputTokens()
                + f.outputTokens()
                + f.cacheReadInputTokens()
                + f.cacheCreation5mInputTokens()
                + f.cacheCreation1hInputTokens();
    }

    /**
     * The row with {@code lead} keys moved right after its first {@code names} keys: how a type puts its focus
     * first (a cost report's rows lead with credits and USD).
     */
    static ObjectNode lead(ObjectNode row, int names, List<String> lead) {
        List<String> present = lead.stream().filter(row::has).toList();
        if (present.isEmpty()) {
            return row;
        }
        ObjectNode out = JSON.objectNode();
        List<Map.Entry<String, JsonNode>> rest = new ArrayList<>();
        int i = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); i++) {
            Map.Entry<String, JsonNode> e = it.next();
            if (i < names) {
                out.set(e.getKey(), e.getValue());
            } else if (!present.contains(e.getKey())) {
                rest.add(e);
            }
        }
        present.forEach(k -> out.set(k, row.get(k)));
        rest.forEach(e -> out.set(e.getKey(), e.getValue()));
        return out;
    }
}
