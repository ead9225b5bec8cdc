package dev.gatewayreports.reportapi.prices;

import dev.gatewayreports.reportapi.ingest.PriceBookCache;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * An organization admin's price book: the list prices and the organization's own, which replace them for its events.
 * A change is in the book of this replica at once, and of every replica within {@value PriceBookCache#REFRESH}.
 */
@Path("/v1/admin/prices")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ORG_ADMIN)
@Tag(name = "Admin: prices")
@SecurityRequirement(name = "oidc")
public class PricesResource {
    private final PriceService prices;
    private final PriceBookCache book;
    private final CurrentCaller caller;

    public PricesResource(PriceService prices, PriceBookCache book, CurrentCaller caller) {
        this.prices = prices;
        this.book = book;
        this.caller = caller;
    }

    @GET
    @Operation(
            operationId = "listPrices",
            summary = "List the prices that apply to the organization",
            description = "List prices (`owner: list`) and the organization's own (`owner: organization`), every"
                    + " effective date, by provider, model, token type, tier and band.")
    @APIResponse(responseCode = "200", description = "The prices, by provider, model, token type and effective date")
    @APIResponse(responseCode = "401", description = "No or an invalid token")
    @APIResponse(responseCode = "403", description = "Not an org_admin")
    public List<PriceResponse> list(
            @Parameter(example = "anthropic") @QueryParam("provider") String provider,
            @Parameter(example = "claude-sonnet-4-5") @QueryParam("model") String model) {
        return prices.list(caller.orgAdmin().orgId(), provider, model);
    }

    @POST
    @Operation(
            operationId = "addPrice",
            summary = "Add an organization price effective from an instant",
            description = "Events ingested afterwards that happened at or after `effective_from` are priced with it;"
                    + " events already stored keep their cost. `usd_per_million` is a number or a decimal string.")
    @APIResponse(responseCode = "201", description = "Added")
    @APIResponse(responseCode = "400", description = "A field is missing or malformed (`error.field` names it)")
    @APIResponse(responseCode = "409", description = "The organization has this price from that instant already")
    public Response add(PriceRequest request) {
        Caller c = caller.orgAdmin();
        PriceResponse added = prices.add(c.orgId(), c.email() != null ? c.email() : c.subject(), request);
        book.refresh();
        return Response.status(201).entity(added).build();
    }

    @DELETE
    @Path("/{price_id}")
    @Operation(operationId = "deletePrice", summary = "Delete an organization price that is not in effect yet")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such price of this organization (list prices included)")
    @APIResponse(responseCode = "409", description = "The price is in effect already: add a newer one instead")
    public Response delete(@Parameter(example = "1042") @PathParam("price_id") long priceId) {
        prices.delete(caller.orgAdmin().orgId(), priceId);
        book.refresh();
        return Response.noContent().build();
    }
}
