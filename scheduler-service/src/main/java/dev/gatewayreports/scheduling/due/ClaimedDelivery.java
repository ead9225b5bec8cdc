package dev.gatewayreports.scheduling.due;

import dev.gatewayreports.scheduling.delivery.DeliveryRequest;
import java.time.Instant;
import java.util.List;

/**
 * A delivery this dispatcher has claimed: the request to send, the attempt number that guards its updates, when
 * it was first tried (its retries end {@code give-up-after} later), the report an earlier attempt saved, if any,
 * the organization's allow-list of recipient domains (empty: any), and since when it has been due (its schedule's
 * slot, or an ad-hoc send's first attempt; null when unknown), and for a webhook delivery its target (null for
 * mail).
 */
record ClaimedDelivery(
        DeliveryRequest request,
        int attempts,
        Instant firstAttemptAt,
        String savedReportId,
        List<String> allowedDomains,
        Instant dueSince,
        Webhook webhook) {

    /**
     * Where a scheduled report is POSTed: the URL the slot was made with, its schedule (null once deleted) and
     * slot, and the schedule's sealed signing secret as it is now (null when the schedule or its webhook is gone).
     */
    record Webhook(String url, String scheduleId, Instant slot, String sealedSecret) {}

    ClaimedDelivery(DeliveryRequest request, int attempts) {
        this(request, attempts, null, null, List.of(), null, null);
    }

    String deliveryId() {
        return request.deliveryId();
    }
}
