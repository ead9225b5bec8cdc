package dev.gatewayreports.model.events;

/** The provider's service tier; priority-tier usage is billed apart and left out of the cost report. */
public enum ServiceTier {
    STANDARD,
    BATCH,
    PRIORITY,
    FLEX;

    /** The wire and database spelling. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
