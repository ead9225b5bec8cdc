package dev.gatewayreports.reportapi.settings;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatewayreports.reportapi.security.CurrentCaller;
import dev.gatewayreports.reportapi.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The organization's allow-list of recipient domains for e-mailed reports. */
@Path("/v1/admin/settings/recipient-domains")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ORG_ADMIN)
@Tag(name = "Admin: settings")
@SecurityRequirement(name = "oidc")
public class RecipientDomainsResource {
    private final RecipientDomains domains;
    private final CurrentCaller caller;

    public RecipientDomainsResource(RecipientDomains domains, CurrentCaller caller) {
        this.domains = domains;
        this.caller = caller;
    }

    @GET
    @Operation(
            operationId = "getRecipientDomains",
            summary = "The domains the organization's reports may be mailed to (empty: any)")
    @APIResponse(responseCode = "200", description = "`{domains: [...]}`")
    @APIResponse(responseCode = "403", description = "The caller is not an org admin")
    public RecipientDomainsResponse get() {
        return domains.get(caller.get());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "replaceRecipientDomains",
            summary = "Replace the domains the organization's reports may be mailed to",
            description = "Schedules and sends naming an address outside these domains (exact match, case-insensitive)"
                    + " answer 400 on `recipients`; deliveries made earlier that name one are not mailed. An empty"
                    + " list (or null) lifts the restriction.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RecipientDomainsResponse.class),
                            examples =
                                    @ExampleObject(
                                            name = "two domains",
                                            value = "{\"domains\": [\"example.com\", \"finance.example.org\"]}")))
    @APIResponse(responseCode = "200", description = "The allow-list as stored")
    @APIResponse(responseCode = "400", description = "A domain is invalid; `error.field` names it")
    @APIResponse(responseCode = "403", description = "The caller is not an org admin")
    public RecipientDomainsResponse replace(JsonNode body) {
        return domains.replace(caller.get(), body);
    }
}
