package dev.gatewayreports.reportapi.admin;

import dev.gatewayreports.reportapi.errors.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The buckets of one page. The request's window runs from {@code starting_at} snapped down to the bucket width
 * (UTC) to the last bucket that ends at or before {@code ending_at} (an unaligned {@code ending_at} leaves out the
 * bucket it falls in, as the contract says: "buckets that end before it"); without {@code ending_at}, through the
 * bucket holding now. A page is the next {@code limit} buckets of the window. A cursor carries the window, so later
 * pages never move.
 */
record AdminWindow(long width, long windowStart, long windowEnd, long pageStart, long pageEnd) {

    static AdminWindow first(Instant startingAt, Instant endingAt, Instant now, long width, int limit) {
        long start = Math.floorDiv(startingAt.getEpochSecond(), width) * width;
        long windowEnd;
        if (endingAt == null) {
            long e = now.getEpochSecond() + (now.getNano() > 0 ? 1 : 0);
            windowEnd = Math.max(start + width, -Math.floorDiv(-e, width) * width);
        } else {
            // Possibly no bucket at all: starting_at 10:10 and ending_at 10:30 hold no whole hour.
            windowEnd = Math.max(start, Math.floorDiv(endingAt.getEpochSecond(), width) * width);
        }
        return new AdminWindow(width, start, windowEnd, start, Math.min(windowEnd, start + limit * width));
    }

    /** {@code ending_at}, when given, is after {@code starting_at}: a 400 naming {@code ending_at} if not. */
    static void requireOrder(Instant startingAt, Instant endingAt) {
        if (endingAt != null && !endingAt.isAfter(startingAt)) {
            throw ApiException.invalid("ending_at", "ending_at: must be after starting_at");
        }
    }

    static AdminWindow page(long width, long windowStart, long windowEnd, long next, int limit) {
        if (next < windowStart || next >= windowEnd || (next - windowStart) % width != 0) {
            throw ApiException.invalid("page", "page: does not point into its window");
        }
        return new AdminWindow(width, windowStart, windowEnd, next, Math.min(windowEnd, next + limit * width));
    }

    boolean hasMore() {
        return pageEnd < windowEnd;
    }

    List<Instant> bucketStarts() {
        List<Instant> starts = new ArrayList<>();
        for (long t = pageStart; t < pageEnd; t += width) {
            starts.add(Instant.ofEpochSecond(t));
        }
        return starts;
    }

    Instant start() {
        return Instant.ofEpochSecond(pageStart);
    }

    Instant end() {
        return Instant.ofEpochSecond(pageEnd);
    }
}
