package dev.gatewayreports.reportapi.teams;

import dev.gatewayreports.reportapi.security.CurrentCaller;
import dev.gatewayreports.reportapi.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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

/** An organization admin's teams. */
@Path("/v1/admin/teams")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ORG_ADMIN)
@Tag(name = "Admin: teams")
@SecurityRequirement(name = "oidc")
public class TeamsResource {
    private final TeamService teams;
    private final CurrentCaller caller;

    public TeamsResource(TeamService teams, CurrentCaller caller) {
        this.teams = teams;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "listTeams", summary = "List the organization's teams")
    @APIResponse(responseCode = "200", description = "Every team of the caller's organization")
    @APIResponse(responseCode = "401", description = "No or an invalid token")
    @APIResponse(responseCode = "403", description = "The caller is not an org admin")
    public List<TeamResponse> list() {
        return teams.list(caller.orgAdmin().orgId());
    }

    @POST
    @Operation(operationId = "createTeam", summary = "Create a team")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = TeamResponse.class)))
    @APIResponse(responseCode = "409", description = "The organization already has a team of this id")
    public Response create(TeamRequest request) {
        return Response.status(201)
                .entity(teams.create(caller.orgAdmin().orgId(), request))
                .build();
    }

    @GET
    @Path("/{team_id}")
    @Operation(operationId = "getTeam", summary = "One team")
    @APIResponse(responseCode = "200", description = "The team")
    @APIResponse(responseCode = "404", description = "No such team in this organization")
    public TeamResponse get(@Parameter(example = "team_platform") @PathParam("team_id") String teamId) {
        return teams.get(caller.orgAdmin().orgId(), teamId);
    }

    @PATCH
    @Path("/{team_id}")
    @Operation(operationId = "updateTeam", summary = "Rename a team or make it the organization's default team")
    @APIResponse(responseCode = "200", description = "The team as changed")
    @APIResponse(responseCode = "404", description = "No such team in this organization")
    public TeamResponse update(
            @Parameter(example = "team_platform") @PathParam("team_id") String teamId, TeamRequest request) {
        return teams.update(caller.orgAdmin().orgId(), teamId, request);
    }
}
