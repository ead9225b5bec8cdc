package dev.gatewayreports.reportapi.ingest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to an ingest call: new events, retries already stored, and what was rejected and why. */
public record IngestResponse(long accepted, long duplicates, List<Rejected> rejected) {

    /** An event that was not stored, by its index in the request. */
    @Schema(name = "RejectedEvent")
    public record Rejected(int index, List<FieldError> errors) {}
}
