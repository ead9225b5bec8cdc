package dev.gatewayreports.reportapi.ingest;

import dev.gatewayreports.reportapi.errors.ApiException;
import dev.gatewayreports.reportapi.security.Caller;
import dev.gatewayreports.reportapi.security.CurrentCaller;
import dev.gatewayreports.reportapi.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /v1/usage/events}: the gateway's batches of usage events. */
@Path("/v1/usage/events")
@Tag(name = "Usage events")
@SecurityRequirement(name = "serviceKey")
@SecurityRequirement(name = "oidc")
public class UsageEventsResource {
    static final String NDJSON = "application/x-ndjson";

    private final IngestService ingest;
    private final IngestConfig config;
    private final CurrentCaller caller;

    public UsageEventsResource(IngestService ingest, IngestConfig config, CurrentCaller caller) {
        this.ingest = ingest;
        this.config = config;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.INGEST)
    @Consumes({MediaType.APPLICATION_JSON, NDJSON})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "ingestUsageEvents",
            summary = "Ingest a batch of usage events",
            description = "A JSON array, or NDJSON. Idempotent by (team_id, request_id); valid events are stored "
                    + "even when neighbours are rejected; durable before 200.")
    @RequestBody(
            required = true,
            description = "At most 10,000 events or 10 MiB",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(ref = "UsageEventBatch"),
                        examples = @ExampleObject(name = "two events", ref = "UsageEventArray")),
                @Content(
                        mediaType = NDJSON,
                        schema = @Schema(ref = "UsageEventLines"),
                        examples = @ExampleObject(name = "two events", ref = "UsageEventLines"))
            })
    @APIResponse(responseCode = "200", description = "accepted, duplicates, and every rejected event by index")
    @APIResponse(responseCode = "413", description = "More than 10,000 events or 10 MiB")
    @APIResponse(
            responseCode = "429",
            description = "The credential's ingest rate limit is reached (when configured); see `Retry-After`")
    @APIResponse(responseCode = "503", description = "The database is unavailable; see `Retry-After`")
    public IngestResponse ingest(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        Caller who = caller.get();
        String orgId = who.orgId();
        if (body == null || body.length == 0) {
            throw ApiException.invalid("body", "the body is empty");
        }
        if (body.length > config.maxBodyBytes()) {
            throw ApiException.tooLarge("body", "at most " + config.maxBodyBytes() + " bytes per request");
        }
        boolean ndjson = contentType != null && contentType.toLowerCase().startsWith(NDJSON);
        // Rate limits count per service key, or per token subject for an OIDC client with role ingest.
        String credential = who.keyId() != null ? "key:" + who.keyId() : "sub:" + orgId + ":" + who.subject();
        return ingest.ingest(orgId, credential, body, ndjson);
    }
}
