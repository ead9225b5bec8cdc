package dev.gatewayreports.reportapi.alerts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of a rule's events, newest first; {@code next_cursor} continues after its last one. */
@Schema(name = "AlertEventPage")
public record AlertEventPage(
        List<AlertEventResponse> data,
        @JsonProperty("has_more") boolean hasMore,
        @JsonProperty("next_cursor") String nextCursor) {
    public AlertEventPage {
        data = List.copyOf(data);
    }
}
