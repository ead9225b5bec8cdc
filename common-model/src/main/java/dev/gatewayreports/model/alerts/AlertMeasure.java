package dev.gatewayreports.model.alerts;

/** What a rule measures over its window. */
public enum AlertMeasure implements WireName {
    COST_USD("cost_usd", true),
    CREDITS("credits", true),
    REQUESTS("requests", true),
    ERROR_RATE("error_rate", false),
    P95_LATENCY_MS("p95_latency_ms", false),
    TOKENS("tokens", true);

    private final String wire;
    private final boolean budgetable;

    AlertMeasure(String wire, boolean budgetable) {
        this.wire = wire;
        this.budgetable = budgetable;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** Whether a monthly budget may add it up (a sum over the month; a rate or a percentile is not). */
    public boolean budgetable() {
        return budgetable;
    }
}
