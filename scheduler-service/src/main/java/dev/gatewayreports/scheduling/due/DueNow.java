package dev.gatewayreports.scheduling.due;

/**
 * The work that is due now and that no dispatcher holds.
 *
 * @param deliveries deliveries whose attempt time has come (pending, or sending with an expired lease)
 * @param oldestSeconds how long the longest-waiting of them has been due (0 when none)
 * @param schedules schedules whose slot has come and that have no delivery for it yet
 */
public record DueNow(long deliveries, double oldestSeconds, long schedules) {}
