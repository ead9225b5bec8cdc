package dev.gatewayreports.reportapi.admin;

import dev.gatewayreports.reportapi.errors.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The buckets of one page: the request's window is {@code starting_at} snapped down to the bucket width (UTC) up
 * to {@code ending_at} snapped up (the bucket holding it is included; without it, the bucket holding now); a page
 * is the next {@code limit} buckets of it. A cursor carries the window, so later pages never move.
 */
record AdminWindow(long width, long windowStart, long windowEnd, long pageStart, long pageEnd) {

    static AdminWindow first(Instant startingAt, Instant endingAt, Instant now, long width, int limit) {
        long start = Math.floorDiv(startingAt.getEpochSecond(), width) * width;
        Instant end = endingAt == null ? now : endingAt;
        if (endingAt != null && !endingAt.isAfter(startingAt)) {
            throw ApiException.invalid("ending_at", "ending_at: must be after starting_at");
        }
        long e = end.getEpochSecond() + (end.getNano() > 0 ? 1 : 0);
        long windowEnd = Math.max(start + width, -Math.floorDiv(-e, width) * width);
        return page(width, start, windowEnd, start, limit);
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
