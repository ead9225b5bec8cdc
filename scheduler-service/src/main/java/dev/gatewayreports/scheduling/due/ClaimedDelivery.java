package dev.gatewayreports.scheduling.due;

import dev.gatewayreports.scheduling.delivery.DeliveryRequest;

/** A delivery this dispatcher has claimed: the request to send and the attempt number that guards its updates. */
record ClaimedDelivery(DeliveryRequest request, int attempts) {

    String deliveryId() {
        return request.deliveryId();
    }
}
