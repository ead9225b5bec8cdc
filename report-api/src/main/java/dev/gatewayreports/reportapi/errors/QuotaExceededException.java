package dev.gatewayreports.reportapi.errors;

/** A quota or rate limit is used up: 429 with {@code Retry-After}; {@code field} names the quota. */
public class QuotaExceededException extends ApiException {
    private final long retryAfterSeconds;

    public QuotaExceededException(String quota, String message, long retryAfterSeconds) {
        super(429, "quota_exceeded", message, quota);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    /** Whole seconds until the quota has room again (at least 1). */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
