package dev.gatewayreports.reportapi.admin;

import dev.gatewayreports.reportapi.metrics.ReportApiMetrics;
import dev.gatewayreports.reportapi.security.CurrentCaller;
import dev.gatewayreports.reportapi.security.Roles;
import io.quarkus.security.UnauthorizedException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
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

    public AdminReportsResource(
            UsageReportService usage, CostReportService cost, CurrentCaller caller, ReportApiMetrics metrics) {
        this.usage = usage;
        this.cost = cost;
        this.caller = caller;
        this.metrics = metrics;
    }

    @GET
    @Path("/usage_report/messages")
    @Operation(
            operationId = "getUsageReport",
            summary = "Token usage per time bucket",
            description = "Every bucket of the page (empty ones too), one result per combination of the grouped"
                    + " dimensions; dimensions not grouped are null.")
    @Parameter(
            name = "starting_at",
            in = ParameterIn.QUERY,
            required = true,
            example = "2025-01-01T00:00:00Z",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(
            name = "ending_at",
            in = ParameterIn.QUERY,
            example = "2025-01-08T00:00:00Z",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(
            name = "bucket_width",
            in = ParameterIn.QUERY,
            example = "1d",
            description = "1m, 1h or 1d",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(
            name = "limit",
            in = ParameterIn.QUERY,
            example = "7",
            description = "1d: ≤31, 1h: ≤168, 1m: ≤1440",
            schema = @Schema(type = SchemaType.INTEGER))
    @Parameter(
            name = "page",
            in = ParameterIn.QUERY,
            example = "page_MXx1c2FnZ…",
            description = "next_page",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(
            name = "group_by[]",
            in = ParameterIn.QUERY,
            example = "[\"model\"]",
            schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
    @Parameter(
            name = "api_key_ids[]",
            in = ParameterIn.QUERY,
            example = "[\"apikey_01\"]",
            schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
    @Parameter(
            name = "workspace_ids[]",
            in = ParameterIn.QUERY,
            example = "[\"team_platform\"]",
            schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
    @Parameter(
            name = "models[]",
            in = ParameterIn.QUERY,
            example = "[\"claude-sonnet-4-5\"]",
            schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
    @Parameter(
            name = "service_tiers[]",
            in = ParameterIn.QUERY,
            example = "[\"standard\"]",
            schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
    @Parameter(
            name = "context_window[]",
            in = ParameterIn.QUERY,
            example = "[\"0-200k\"]",
            schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
    @Parameter(
            name = "inference_geos[]",
            in = ParameterIn.QUERY,
            example = "[\"us\"]",
            schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
    @Parameter(
            name = "anthropic-version",
            in = ParameterIn.HEADER,
            example = "2023-06-01",
            schema = @Schema(type = SchemaType.STRING))
    @APIResponse(responseCode = "200", description = "The page's buckets, has_more and next_page")
    @APIResponse(responseCode = "400", description = "invalid_request_error naming the parameter")
    @APIResponse(responseCode = "401", description = "authentication_error: no or an unknown x-api-key")
    @APIResponse(responseCode = "403", description = "permission_error: not an admin key")
    public UsageReportResponse usage(@HeaderParam("x-api-key") String apiKey, @Context UriInfo uri) {
        requireApiKeyHeader(apiKey);
        UsageReportResponse page = usage.report(caller.get().orgId(), uri.getQueryParameters(), Instant.now());
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
            name = "starting_at",
            in = ParameterIn.QUERY,
            required = true,
            example = "2025-01-01T00:00:00Z",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(
            name = "ending_at",
            in = ParameterIn.QUERY,
            example = "2025-01-08T00:00:00Z",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(
            name = "limit",
            in = ParameterIn.QUERY,
            example = "7",
            description = "at most 31",
            schema = @Schema(type = SchemaType.INTEGER))
    @Parameter(
            name = "page",
            in = ParameterIn.QUERY,
            example = "page_MXxjb3N0…",
            description = "next_page",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(
            name = "group_by[]",
            in = ParameterIn.QUERY,
            example = "[\"description\"]",
            schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
    @Parameter(
            name = "workspace_ids[]",
            in = ParameterIn.QUERY,
            example = "[\"team_platform\"]",
            schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
    @Parameter(
            name = "anthropic-version",
            in = ParameterIn.HEADER,
            example = "2023-06-01",
            schema = @Schema(type = SchemaType.STRING))
    @APIResponse(responseCode = "200", description = "The page's days, has_more and next_page")
    @APIResponse(responseCode = "400", description = "invalid_request_error naming the parameter")
    @APIResponse(responseCode = "401", description = "authentication_error: no or an unknown x-api-key")
    @APIResponse(responseCode = "403", description = "permission_error: not an admin key")
    public CostReportResponse cost(@HeaderParam("x-api-key") String apiKey, @Context UriInfo uri) {
        requireApiKeyHeader(apiKey);
        CostReportResponse page = cost.report(caller.get().orgId(), uri.getQueryParameters(), Instant.now());
        metrics.adminPage("cost");
        return page;
    }

    /** The contract's credential is the x-api-key header; an admin key in another header is not accepted. */
    private static void requireApiKeyHeader(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new UnauthorizedException("x-api-key is required");
        }
    }
}
