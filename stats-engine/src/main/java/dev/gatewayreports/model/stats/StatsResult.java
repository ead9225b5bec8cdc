package dev.gatewayreports.model.stats;

import java.time.Instant;
import java.util.List;

/**
 * A query's rows, and how it was answered.
 *
 * @param source the rollup table read, or "raw"
 * @param rollupPieces spans read from rollups; {@code rawPieces}: spans read from raw events
 * @param bucketStarts every bucket of the window, for callers that show empty buckets too
 */
public record StatsResult(
        List<StatsRow> rows, String source, int rollupPieces, int rawPieces, List<Instant> bucketStarts) {}
