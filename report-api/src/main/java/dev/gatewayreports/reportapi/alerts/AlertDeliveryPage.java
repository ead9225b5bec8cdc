package dev.gatewayreports.reportapi.alerts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of a rule's notifications, newest first; {@code next_cursor} continues after its last one. */
@Schema(name = "AlertDeliveryPage")
public record AlertDeliveryPage(
        List<AlertDeliveryResponse> data,
        @JsonProperty("has_more") boolean hasMore,
        @JsonProperty("next_cursor") String nextCursor) {
    public AlertDeliveryPage {
        data = List.copyOf(data);
    }
}
