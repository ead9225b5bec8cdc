package dev.gatewayreports.scheduling.due;

import dev.gatewayreports.scheduling.delivery.DeliveryRequest;
import java.time.Instant;
import java.util.List;

/**
 * A delivery this dispatcher has claimed: the request to send, the attempt number that guards its updates, when
 * it was first tried (its retries end {@code give-up-after} later), the report an earlier attempt saved, if any,
 * the organization's allow-list of recipient domains (empty: any), and since when it has been due (its schedule's
 * slot, or an ad-hoc send's first attempt; null when unknown).
 */
record ClaimedDelivery(
        DeliveryRequest request,
        int attempts,
        Instant firstAttemptAt,
        String savedReportId,
        List<String> allowedDomains,
        Instant dueSince) {

    ClaimedDelivery(DeliveryRequest request, int attempts) {
        this(request, attempts, null, null, List.of(), null);
    }

    String deliveryId() {
        return request.deliveryId();
    }
}
