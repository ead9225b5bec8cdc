package dev.gatewayreports.model.events;

/** The provider's service tier; priority-tier usage is billed apart and left out of the cost report. */
public enum ServiceTier {
    STANDARD,
    BATCH,
    PRIORITY,
    FLEX;

    /** Spelled once: it is written for every event ingested. */
    private final String wire = name().toLowerCase(java.util.Locale.ROOT);

    /** The wire and database spelling. */
    public String wire() {
        return wire;
    }
}
