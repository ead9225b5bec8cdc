package dev.gatewayreports.model.stats;

import java.time.Instant;
import java.util.List;

/**
 * One group of a query's answer.
 *
 * @param bucketStart the bucket's start (it may precede the window's start); the window start when unbucketed
 * @param dimensions the values of the query's group-by dimensions, in its order (null where the events had none)
 */
public record StatsRow(Instant bucketStart, Instant bucketEnd, List<String> dimensions, Figures figures) {}
