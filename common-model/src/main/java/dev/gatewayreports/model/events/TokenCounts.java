package dev.gatewayreports.model.events;

/** The token and server-tool counts of one event; absent counts are zero. */
public record TokenCounts(
        long input, long cacheRead, long cacheCreation5m, long cacheCreation1h, long output, long webSearchRequests) {

    public static final TokenCounts NONE = new TokenCounts(0, 0, 0, 0, 0, 0);
}
