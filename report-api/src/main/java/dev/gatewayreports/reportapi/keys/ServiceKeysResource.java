package dev.gatewayreports.reportapi.keys;

import dev.gatewayreports.reportapi.security.Caller;
import dev.gatewayreports.reportapi.security.CurrentCaller;
import dev.gatewayreports.reportapi.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An organization admin's service keys: the secret is shown once, at creation. */
@Path("/v1/admin/service-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ORG_ADMIN)
@Tag(name = "Admin: service keys")
@SecurityRequirement(name = "oidc")
public class ServiceKeysResource {
    private final ServiceKeyService keys;
    private final CurrentCaller caller;

    public ServiceKeysResource(ServiceKeyService keys, CurrentCaller caller) {
        this.keys = keys;
        this.caller = caller;
    }

    @POST
    @Operation(
            operationId = "mintServiceKey",
            summary = "Mint a service key",
            description = "The answer carries the secret; it is never shown again.")
    @APIResponse(
            responseCode = "201",
            description = "Created; `key` is the secret",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ServiceKeyResponse.class)))
    @APIResponse(responseCode = "400", description = "Unknown scope or missing name")
    public Response mint(ServiceKeyRequest request) {
        Caller c = caller.orgAdmin();
        String by = c.email() != null ? c.email() : c.subject();
        return Response.status(201).entity(keys.mint(c.orgId(), by, request)).build();
    }

    @GET
    @Operation(
            operationId = "listServiceKeys",
            summary = "List the organization's service keys, newest first, without secrets")
    @APIResponse(responseCode = "200", description = "The keys, without secrets")
    @APIResponse(responseCode = "401", description = "No or an invalid token")
    @APIResponse(responseCode = "403", description = "The caller is not an org admin")
    public List<ServiceKeyResponse> list() {
        return keys.list(caller.orgAdmin().orgId());
    }

    @DELETE
    @Path("/{key_id}")
    @Operation(operationId = "revokeServiceKey", summary = "Revoke a service key")
    @APIResponse(responseCode = "204", description = "Revoked (or already revoked)")
    @APIResponse(responseCode = "404", description = "No such key in this organization")
    public Response revoke(@Parameter(example = "key_5f0c…") @PathParam("key_id") String keyId) {
        keys.revoke(caller.orgAdmin().orgId(), keyId);
        return Response.noContent().build();
    }
}
