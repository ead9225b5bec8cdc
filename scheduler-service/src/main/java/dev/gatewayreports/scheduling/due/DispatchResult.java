package dev.gatewayreports.scheduling.due;

/**
 * What one {@link Dispatcher#dispatchDue} did.
 *
 * @param materialised deliveries made from due schedules
 * @param sent deliveries mailed
 * @param retried deliveries that failed and will be tried again
 * @param failed deliveries given up on
 */
public record DispatchResult(int materialised, int sent, int retried, int failed) {

    DispatchResult plus(DispatchResult other) {
        return new DispatchResult(
                materialised + other.materialised, sent + other.sent, retried + other.retried, failed + other.failed);
    }
}
