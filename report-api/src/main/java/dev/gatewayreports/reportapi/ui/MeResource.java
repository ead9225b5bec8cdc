package dev.gatewayreports.reportapi.ui;

import dev.gatewayreports.reportapi.security.Caller;
import dev.gatewayreports.reportapi.security.CurrentCaller;
import dev.gatewayreports.reportapi.security.Roles;
import dev.gatewayreports.reportapi.teams.TeamResponse;
import dev.gatewayreports.reportapi.teams.TeamService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller as report-api sees it: organization, roles and the teams it may report on. */
@Path("/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Account")
@SecurityRequirement(name = "oidc")
public class MeResource {
    private final CurrentCaller caller;
    private final TeamService teams;

    public MeResource(CurrentCaller caller, TeamService teams) {
        this.caller = caller;
        this.teams = teams;
    }

    @GET
    @RolesAllowed(Roles.MEMBER)
    @Operation(
            operationId = "getMe",
            summary = "The caller: organization, roles and the teams it may report on",
            description = "Read from the access token by the configured claim paths; an org admin's teams are every"
                    + " team of its organization. The dashboard's team picker offers these.")
    @APIResponse(responseCode = "200", description = "The caller")
    @APIResponse(responseCode = "401", description = "No or an invalid token")
    @APIResponse(responseCode = "403", description = "A token without a reporting role or organization")
    public MeResponse me() {
        Caller who = caller.get();
        List<String> visible = who.organizationWide()
                ? teams.list(who.orgId()).stream().map(TeamResponse::teamId).toList()
                : List.copyOf(new TreeSet<>(who.teams()));
        return new MeResponse(
                who.orgId(),
                who.subject(),
                who.email(),
                List.copyOf(new TreeSet<>(who.roles())),
                visible,
                who.organizationWide(),
                who.zoneinfo());
    }
}
