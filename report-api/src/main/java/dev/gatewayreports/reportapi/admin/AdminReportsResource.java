package dev.gatewayreports.reportapi.admin;

import dev.gatewayreports.reportapi.metrics.ReportApiMetrics;
import dev.gatewayreports.reportapi.security.CurrentCaller;
import dev.gatewayreports.reportapi.security.Roles;
import dev.gatewayreports.reportapi.security.ServiceKeyAuthMechanism;
import io.quarkus.security.UnauthorizedException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The admin usage and cost API, in the shape of Anthropic's Usage & Cost Admin API; admin keys only. */
@Path("/v1/organizations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN_KEY)
@Tag(name = "Admin: usage and cost")
@SecurityRequirement(name = "adminApiKey")
public class AdminReportsResource {
    private final UsageReportService usage;
    private final CostReportService cost;
    private final CurrentCaller caller;
    private final ReportApiMetrics metrics;
    private final Clock clock;

    public AdminReportsResource(
            UsageReportService usage,
            CostReportService cost,
            CurrentCaller caller,
            ReportApiMetrics metrics,
            Clock clock) {
        this.usage = usage;
        this.cost = cost;
        this.caller = caller;
        this.metrics = metrics;
        this.clock = clock;
    }

    @GET
    @Path("/usage_report/messages")
    @Operation(
            operationId = "getUsageReport",
            summary = "Token usage per time bucket",
            description = "Every bucket of the page (empty ones too), one result per combination of the grouped"
                    + " dimensions; dimensions not grouped are null.")
    @Parameter(
            name = "anthropic-version",
            in = ParameterIn.HEADER,
            example = "2023-06-01",
            description = "Accepted and not required",
            schema = @Schema(type = SchemaType.STRING))
    @APIResponse(responseCode = "200", description = "The page's buckets, has_more and next_page")
    @APIResponse(responseCode = "400", description = "invalid_request_error naming the parameter")
    @APIResponse(
            responseCode = "401",
            description = "authentication_error: no admin key (x-api-key or Authorization: Bearer), or an unknown one")
    @APIResponse(responseCode = "403", description = "permission_error: not an admin key")
    public UsageReportResponse usage(
            @Valid @BeanParam UsageReportParams query,
            @HeaderParam("x-api-key") String apiKey,
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        requireKeyHeader(apiKey, authorization);
        UsageReportResponse page = usage.report(caller.get().orgId(), query.toRequest(), clock.instant());
        metrics.adminPage("usage");
        return page;
    }

    @GET
    @Path("/cost_report")
    @Operation(
            operationId = "getCostReport",
            summary = "Cost per UTC day, in cents",
            description = "Amounts are exact decimal strings in USD cents; group_by[]=description breaks them down by"
                    + " model, cost type and token type. Priority-tier usage is not in this report.")
    @Parameter(
            name = "anthropic-version",
            in = ParameterIn.HEADER,
            example = "2023-06-01",
            description = "Accepted and not required",
            schema = @Schema(type = SchemaType.STRING))
    @APIResponse(responseCode = "200", description = "The page's days, has_more and next_page")
    @APIResponse(responseCode = "400", description = "invalid_request_error naming the parameter")
    @APIResponse(
            responseCode = "401",
            description = "authentication_error: no admin key (x-api-key or Authorization: Bearer), or an unknown one")
    @APIResponse(responseCode = "403", description = "permission_error: not an admin key")
    public CostReportResponse cost(
            @Valid @BeanParam CostReportParams query,
            @HeaderParam("x-api-key") String apiKey,
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        requireKeyHeader(apiKey, authorization);
        CostReportResponse page = cost.report(caller.get().orgId(), query.toRequest(), clock.instant());
        metrics.adminPage("cost");
        return page;
    }

    /**
     * The key comes as {@code x-api-key} (the contract) or as {@code Authorization: Bearer sk-admin-…} (what
     * Anthropic's SDKs send); an admin key in HTTP Basic is not accepted here. An OIDC token never reaches this
     * check: it lacks the admin-key role and is a 403 before.
     */
    static void requireKeyHeader(String apiKey, String authorization) {
        boolean header = apiKey != null && !apiKey.isBlank();
        if (!header && !ServiceKeyAuthMechanism.isBearerKey(authorization)) {
            throw new UnauthorizedException("x-api-key or Authorization: Bearer is required");
        }
    }
}
