package dev.gatewayreports.model.stats;

/**
 * How a window is cut into buckets: not at all, into fixed seconds (aligned on local midnight when they divide a
 * day, so an 86,400-second bucket is a local day of 23, 24 or 25 hours), or into local calendar days, ISO weeks
 * (from Monday) or months.
 */
public record BucketSpec(Kind kind, long seconds) {
    /** The kinds of bucketing. */
    public enum Kind {
        NONE,
        SECONDS,
        DAY,
        WEEK,
        MONTH
    }

    public static final BucketSpec NONE = new BucketSpec(Kind.NONE, 0);
    public static final BucketSpec DAY = new BucketSpec(Kind.DAY, 0);
    public static final BucketSpec WEEK = new BucketSpec(Kind.WEEK, 0);
    public static final BucketSpec MONTH = new BucketSpec(Kind.MONTH, 0);

    public static BucketSpec seconds(long seconds) {
        if (seconds < 1) {
            throw new IllegalArgumentException("bucket width must be at least one second");
        }
        return new BucketSpec(Kind.SECONDS, seconds);
    }
}
