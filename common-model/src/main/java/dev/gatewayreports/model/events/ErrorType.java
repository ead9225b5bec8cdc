package dev.gatewayreports.model.events;

/** Why a request failed; present exactly when the status is {@code error}. */
public enum ErrorType {
    RATE_LIMIT,
    TIMEOUT,
    PROVIDER_ERROR,
    INVALID_REQUEST,
    CONTENT_FILTER,
    AUTH,
    OTHER;

    /** Spelled once: it is written for every event ingested. */
    private final String wire = name().toLowerCase(java.util.Locale.ROOT);

    /** The wire and database spelling. */
    public String wire() {
        return wire;
    }
}
