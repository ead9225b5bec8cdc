package dev.gatewayreports.reportapi.audit;

import dev.gatewayreports.reportapi.errors.ApiException;
import dev.gatewayreports.reportapi.security.Caller;
import dev.gatewayreports.reportapi.security.CurrentCaller;
import dev.gatewayreports.reportapi.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An organization admin's audit log: who did what, when, in this organization. */
@Path("/v1/admin/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ORG_ADMIN)
@Tag(name = "Admin: audit log")
@SecurityRequirement(name = "oidc")
public class AuditResource {
    private final AuditService audit;
    private final CurrentCaller caller;

    public AuditResource(AuditService audit, CurrentCaller caller) {
        this.audit = audit;
        this.caller = caller;
    }

    @GET
    @Operation(
            operationId = "listAuditEvents",
            summary = "The organization's audit log, newest first",
            description = "Service keys minted and revoked, teams created and changed, schedules created, replaced"
                    + " and deleted, ad-hoc sends, and every request the scheduler's report_service credential made"
                    + " for the organization. Each row names its actor (kind, subject, e-mail, key id, OIDC client),"
                    + " action, target and a few details (never a secret). Follow `next_cursor` for older rows.")
    @APIResponse(responseCode = "200", description = "`{data, has_more, next_cursor}`")
    @APIResponse(responseCode = "400", description = "A parameter is invalid; `error.field` names it")
    @APIResponse(responseCode = "401", description = "No credential")
    @APIResponse(responseCode = "403", description = "The caller is not an org_admin")
    public AuditPage list(
            @Parameter(description = "Rows per page, 1–200 (default 50)", example = "50") @QueryParam("limit")
                    String limit,
            @Parameter(description = "`next_cursor` of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Only rows of this action", example = "service_key.minted") @QueryParam("action")
                    String action,
            @Parameter(description = "Rows at or after this instant (RFC 3339)", example = "2026-11-01T00:00:00Z")
                    @QueryParam("since")
                    String since,
            @Parameter(description = "Rows before this instant (RFC 3339)", example = "2026-12-01T00:00:00Z")
                    @QueryParam("until")
                    String until) {
        Caller c = caller.get();
        if (!c.has(Roles.ORG_ADMIN)) {
            throw ApiException.forbidden("the audit log needs the org_admin role");
        }
        return audit.page(c.orgId(), limit, cursor, action, since, until);
    }
}
