package dev.gatewayreports.model.stats;

import java.time.Instant;
import java.util.List;

/**
 * A query's rows, and how it was answered.
 *
 * @param source the rollup table read, or "raw"
 * @param rollupPieces spans read from rollups; {@code rawPieces}: spans read from raw events
 * @param bucketStarts every bucket of the window, for callers that show empty buckets too
 * @param subtractedPieces spans outside the window subtracted (rollup rows or raw events) because a rollup row that
 *     the window covers only in part was read whole
 */
public record StatsResult(
        List<StatsRow> rows,
        String source,
        int rollupPieces,
        int rawPieces,
        List<Instant> bucketStarts,
        int subtractedPieces) {
    public StatsResult(
            List<StatsRow> rows, String source, int rollupPieces, int rawPieces, List<Instant> bucketStarts) {
        this(rows, source, rollupPieces, rawPieces, bucketStarts, 0);
    }
}
