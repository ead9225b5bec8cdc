package dev.gatewayreports.reportapi.callstats;

import dev.gatewayreports.reportapi.security.Caller;
import dev.gatewayreports.reportapi.security.CurrentCaller;
import dev.gatewayreports.reportapi.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /calls/stats}: call and usage statistics of one project in time buckets. */
@Path("/calls/stats")
@Tag(name = "Call statistics")
@SecurityRequirement(name = "oidc")
@SecurityRequirement(name = "serviceKey")
@SecurityRequirement(name = "statsKeyBasic")
public class CallStatsResource {
    private final CallStatsService service;
    private final ProjectAccess access;
    private final CurrentCaller caller;
    private final Clock clock;

    public CallStatsResource(CallStatsService service, ProjectAccess access, CurrentCaller caller, Clock clock) {
        this.service = service;
        this.access = access;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    @RolesAllowed({Roles.STATS_KEY, Roles.MEMBER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "getCallStats",
            summary = "Call statistics in time buckets",
            description = "Usage metrics by bucket and model, call metrics by bucket, over [start, end) of one project"
                    + " (team), buckets aligned in an IANA time zone. Basic auth api:<stats key>, or an OIDC token.")
    @RequestBody(description = "project_id, start, end, granularity, usage_metrics, call_metrics, filter, timezone")
    @APIResponse(responseCode = "200", description = "The non-empty buckets, and the window actually used")
    @APIResponse(responseCode = "400", description = "A bad field, named in error.field")
    @APIResponse(responseCode = "401", description = "No or an unknown credential")
    @APIResponse(responseCode = "403", description = "A credential without the stats scope or a member role")
    @APIResponse(responseCode = "404", description = "The project does not exist or is not the caller's")
    public CallStatsResponse stats(CallStatsRequest request) {
        Caller who = caller.get();
        CallStatsPlan plan = CallStatsValidator.validate(request, clock.instant());
        access.check(who, plan.projectId());
        return service.answer(who.orgId(), plan);
    }
}
