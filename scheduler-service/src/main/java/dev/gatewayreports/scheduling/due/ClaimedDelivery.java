package dev.gatewayreports.scheduling.due;

import dev.gatewayreports.scheduling.delivery.DeliveryRequest;
import java.time.Instant;

/**
 * A delivery this dispatcher has claimed: the request to send, the attempt number that guards its updates, when
 * it was first tried (its retries end {@code give-up-after} later) and the report an earlier attempt saved, if any.
 */
record ClaimedDelivery(DeliveryRequest request, int attempts, Instant firstAttemptAt, String savedReportId) {

    ClaimedDelivery(DeliveryRequest request, int attempts) {
        this(request, attempts, null, null);
    }

    String deliveryId() {
        return request.deliveryId();
    }
}
