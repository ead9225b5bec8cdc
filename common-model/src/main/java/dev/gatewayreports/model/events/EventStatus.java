package dev.gatewayreports.model.events;

/** Outcome of one gateway request. */
public enum EventStatus {
    SUCCESS,
    ERROR;

    /** The wire and database spelling. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
