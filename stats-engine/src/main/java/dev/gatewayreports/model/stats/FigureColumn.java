package dev.gatewayreports.model.stats;

import java.util.List;
import java.util.function.Function;

/**
 * A summed figure column of the rollup tables and where its value lives in {@link Figures}: the one list the
 * worker writes and the engine reads, in this order.
 */
public enum FigureColumn {
    REQUESTS("request_count", "bigint", Figures::requests),
    ERRORS("error_count", "bigint", Figures::errors),
    INPUT_TOKENS("input_tokens", "bigint", Figures::inputTokens),
    CACHE_READ_TOKENS("cache_read_input_tokens", "bigint", Figures::cacheReadInputTokens),
    CACHE_5M_TOKENS("cache_creation_5m_input_tokens", "bigint", Figures::cacheCreation5mInputTokens),
    CACHE_1H_TOKENS("cache_creation_1h_input_tokens", "bigint", Figures::cacheCreation1hInputTokens),
    OUTPUT_TOKENS("output_tokens", "bigint", Figures::outputTokens),
    WEB_SEARCH("web_search_requests", "bigint", Figures::webSearchRequests),
    CODE_EXECUTION_HOURS("code_execution_hours", "numeric", Figures::codeExecutionHours),
    CREDITS("credits", "numeric", Figures::credits),
    COST("cost_usd", "numeric", Figures::costUsd),
    COST_INPUT("cost_input_usd", "numeric", f -> f.costPart(0)),
    COST_OUTPUT("cost_output_usd", "numeric", f -> f.costPart(1)),
    COST_CACHE_READ("cost_cache_read_usd", "numeric", f -> f.costPart(2)),
    COST_CACHE_5M("cost_cache_creation_5m_usd", "numeric", f -> f.costPart(3)),
    COST_CACHE_1H("cost_cache_creation_1h_usd", "numeric", f -> f.costPart(4)),
    COST_WEB_SEARCH("cost_web_search_usd", "numeric", f -> f.costPart(5)),
    COST_CODE_EXECUTION("cost_code_execution_usd", "numeric", f -> f.costPart(6)),
    UNPRICED("unpriced_count", "bigint", Figures::unpricedRequests),
    LATENCY_SUM("latency_sum", "bigint", Figures::latencySum);

    /** Every column: rollup_team, rollup_model, rollup_org, rollup_org_model. */
    public static final List<FigureColumn> ALL = List.of(values());
    /** rollup_api_key. */
    public static final List<FigureColumn> API_KEY =
            List.of(REQUESTS, ERRORS, INPUT_TOKENS, OUTPUT_TOKENS, CREDITS, COST);
    /** rollup_error. */
    public static final List<FigureColumn> ERROR = List.of(ERRORS);
    /** rollup_admin. */
    public static final List<FigureColumn> ADMIN = List.of(
            REQUESTS,
            INPUT_TOKENS,
            CACHE_READ_TOKENS,
            CACHE_5M_TOKENS,
            CACHE_1H_TOKENS,
            OUTPUT_TOKENS,
            WEB_SEARCH,
            CODE_EXECUTION_HOURS,
            COST,
            COST_INPUT,
            COST_OUTPUT,
            COST_CACHE_READ,
            COST_CACHE_5M,
            COST_CACHE_1H,
            COST_WEB_SEARCH,
            COST_CODE_EXECUTION);

    private final String column;
    private final String sqlType;
    private final Function<Figures, Object> value;

    FigureColumn(String column, String sqlType, Function<Figures, Object> value) {
        this.column = column;
        this.sqlType = sqlType;
        this.value = value;
    }

    public String column() {
        return column;
    }

    /** bigint or numeric. */
    public String sqlType() {
        return sqlType;
    }

    public Object valueOf(Figures figures) {
        return value.apply(figures);
    }
}
