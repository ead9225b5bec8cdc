package dev.gatewayreports.aggregation.rollup;

import java.util.List;
import java.util.function.Function;

/** A summed rollup column and where its value comes from in {@link Totals}. */
enum Metric {
    REQUESTS("request_count", "bigint", t -> t.requests),
    ERRORS("error_count", "bigint", t -> t.errors),
    INPUT_TOKENS("input_tokens", "bigint", t -> t.tokens[0]),
    CACHE_READ_TOKENS("cache_read_input_tokens", "bigint", t -> t.tokens[1]),
    CACHE_5M_TOKENS("cache_creation_5m_input_tokens", "bigint", t -> t.tokens[2]),
    CACHE_1H_TOKENS("cache_creation_1h_input_tokens", "bigint", t -> t.tokens[3]),
    OUTPUT_TOKENS("output_tokens", "bigint", t -> t.tokens[4]),
    WEB_SEARCH("web_search_requests", "bigint", t -> t.tokens[5]),
    CREDITS("credits", "numeric", t -> t.credits),
    COST("cost_usd", "numeric", t -> t.cost),
    COST_INPUT("cost_input_usd", "numeric", t -> t.costParts[0]),
    COST_OUTPUT("cost_output_usd", "numeric", t -> t.costParts[1]),
    COST_CACHE_READ("cost_cache_read_usd", "numeric", t -> t.costParts[2]),
    COST_CACHE_5M("cost_cache_creation_5m_usd", "numeric", t -> t.costParts[3]),
    COST_CACHE_1H("cost_cache_creation_1h_usd", "numeric", t -> t.costParts[4]),
    COST_WEB_SEARCH("cost_web_search_usd", "numeric", t -> t.costParts[5]),
    UNPRICED("unpriced_count", "bigint", t -> t.unpriced),
    LATENCY_SUM("latency_sum", "bigint", t -> t.latencySum);

    static final List<Metric> ALL_SUMS = List.of(values());
    static final List<Metric> ADMIN_SUMS = List.of(
            REQUESTS,
            INPUT_TOKENS,
            CACHE_READ_TOKENS,
            CACHE_5M_TOKENS,
            CACHE_1H_TOKENS,
            OUTPUT_TOKENS,
            WEB_SEARCH,
            COST,
            COST_INPUT,
            COST_OUTPUT,
            COST_CACHE_READ,
            COST_CACHE_5M,
            COST_CACHE_1H,
            COST_WEB_SEARCH);

    final String column;
    final String sqlType;
    final Function<Totals, Object> value;

    Metric(String column, String sqlType, Function<Totals, Object> value) {
        this.column = column;
        this.sqlType = sqlType;
        this.value = value;
    }
}
