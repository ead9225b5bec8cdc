package dev.gatewayreports.model.events;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The token and server-tool counts of one event; absent counts are zero.
 *
 * @param codeExecutionHours container-hours of code execution, exact (never null; zero when unused)
 */
public record TokenCounts(
        long input,
        long cacheRead,
        long cacheCreation5m,
        long cacheCreation1h,
        long output,
        long webSearchRequests,
        BigDecimal codeExecutionHours) {

    public static final TokenCounts NONE = new TokenCounts(0, 0, 0, 0, 0, 0);

    public TokenCounts {
        Objects.requireNonNull(codeExecutionHours, "codeExecutionHours");
    }

    /** Counts without code execution. */
    public TokenCounts(
            long input,
            long cacheRead,
            long cacheCreation5m,
            long cacheCreation1h,
            long output,
            long webSearchRequests) {
        this(input, cacheRead, cacheCreation5m, cacheCreation1h, output, webSearchRequests, BigDecimal.ZERO);
    }
}
