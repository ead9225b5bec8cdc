package dev.gatewayreports.reportapi.admin;

/** The bucket widths of the admin API, with their default and maximum {@code limit} (buckets per page). */
enum BucketWidth {
    MINUTE("1m", 60, 60, 1440),
    HOUR("1h", 3_600, 24, 168),
    DAY("1d", 86_400, 7, 31);

    /** The values {@code bucket_width} accepts, as a regular expression. */
    static final String PATTERN = "1m|1h|1d";

    private final String wire;
    private final long seconds;
    private final int defaultLimit;
    private final int maxLimit;

    BucketWidth(String wire, long seconds, int defaultLimit, int maxLimit) {
        this.wire = wire;
        this.seconds = seconds;
        this.defaultLimit = defaultLimit;
        this.maxLimit = maxLimit;
    }

    /** The width a checked {@code bucket_width} names; absent is {@code 1d}. */
    static BucketWidth of(String wire) {
        for (BucketWidth w : values()) {
            if (w.wire.equals(wire)) {
                return w;
            }
        }
        if (wire == null) {
            return DAY;
        }
        throw new IllegalArgumentException("unchecked bucket_width " + wire);
    }

    /**
     * The page size: {@code limit} as given (already checked to be an integer), or this width's default; a
     * limit above this width's maximum is a 400 naming {@code limit}.
     */
    int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return defaultLimit;
        }
        int n = Integer.parseInt(limit.trim());
        if (n < 1 || n > maxLimit) {
            throw dev.gatewayreports.reportapi.errors.ApiException.invalid(
                    "limit", "limit: must be an integer from 1 to " + maxLimit + " with bucket_width " + wire);
        }
        return n;
    }

    String wire() {
        return wire;
    }

    long seconds() {
        return seconds;
    }
}
