package dev.gatewayreports.model.stats;

/** A family of figures a query needs; decides which rollups can answer it. */
public enum Measure {
    /** Request count. */
    REQUESTS,
    /** Error count. */
    ERRORS,
    /** Every token type, web-search requests and code-execution hours. */
    TOKENS,
    /** Gateway credits. */
    CREDITS,
    /** Total USD and the count of unpriced events. */
    COST,
    /** USD per token type (web search and code execution included). */
    COST_PARTS,
    /** Latency sum, min, max, avg and percentiles. */
    LATENCY
}
