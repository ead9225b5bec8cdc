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

    /** The wire and database spelling. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
