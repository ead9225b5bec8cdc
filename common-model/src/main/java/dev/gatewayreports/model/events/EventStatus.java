package dev.gatewayreports.model.events;

/** Outcome of one gateway request. */
public enum EventStatus {
    SUCCESS,
    ERROR;

    /** Spelled once: it is written for every event ingested. */
    private final String wire = name().toLowerCase(java.util.Locale.ROOT);

    /** The wire and database spelling. */
    public String wire() {
        return wire;
    }
}
