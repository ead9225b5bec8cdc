package dev.gatewayreports.model.stats;

/** A family of figures a query needs; decides which rollups can answer it. */
public enum Measure {
    /** Request count. */
    REQUESTS,
    /** Error count. */
    ERRORS,
    /** Every token type and web-search requests. */
    TOKENS,
    /** Gateway credits. */
    CREDITS,
    /** Total USD and the count of unpriced events. */
    COST,
    /** USD per token type. */
    COST_PARTS,
    /** Latency sum, min, max, avg and percentiles. */
    LATENCY
}
