package dev.gatewayreports.reportapi.alerts;

import dev.gatewayreports.reportapi.security.Caller;
import dev.gatewayreports.reportapi.security.CurrentCaller;
import dev.gatewayreports.reportapi.security.Roles;
import dev.gatewayreports.reportapi.webhooks.WebhookSecretResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Budgets and alert rules per team (or the whole organization), their events and their deliveries. */
@Path("/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MEMBER)
@Tag(name = "Alerts")
@SecurityRequirement(name = "oidc")
public class AlertsResource {
    static final String EXAMPLE = """
            {"name": "Platform spend over $250 a day", "team_id": "team_platform", "kind": "threshold",
             "measure": "cost_usd", "window": "last_day", "comparison": "gt", "threshold": 250,
             "timezone": "Europe/Berlin", "hysteresis_percent": 10, "for_minutes": 5,
             "recipients": ["platform-leads@example.com"], "webhook_url": "https://hooks.example.com/gateway",
             "enabled": true}""";
    static final String BODY = "a JSON object with name, measure, window and threshold is required";

    private final AlertService alerts;
    private final CurrentCaller caller;

    public AlertsResource(AlertService alerts, CurrentCaller caller) {
        this.alerts = alerts;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.TEAM_ADMIN)
    @Operation(
            operationId = "createAlert",
            summary = "Create an alert rule or a monthly budget",
            description = "A team's rule (`team_admin` of the team), or without `team_id` the whole organization's"
                    + " (`org_admin`). Defaults: kind threshold, comparison gt, timezone the token's `zoneinfo`"
                    + " (else UTC), hysteresis_percent 10, for_minutes 0, enabled. A budget (kind budget) runs over"
                    + " month_to_date, adds up cost_usd, credits, tokens or requests and compares with gt or gte."
                    + " With `webhook_url` the answer carries `webhook_secret`, shown this once. A rule with"
                    + " neither recipients nor a webhook only keeps a history.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AlertBody.class),
                            examples = @ExampleObject(name = "daily team spend", value = EXAMPLE)))
    @APIResponse(
            responseCode = "201",
            description = "The rule, with `Location` (and `webhook_secret` when it has a webhook)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AlertResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is invalid; `error.field` names it")
    @APIResponse(responseCode = "401", description = "No or an invalid token")
    @APIResponse(responseCode = "403", description = "The caller is not team_admin of the team (or org_admin)")
    @APIResponse(responseCode = "404", description = "The team is not one the caller can see")
    public Response create(@NotNull(message = BODY) @Valid AlertBody body, @Context UriInfo uri) {
        Caller who = caller.get();
        AlertResponse created = alerts.create(who, AlertRequests.fromBody(body, who.zoneinfo()));
        return Response.created(uri.getBaseUriBuilder().path("/v1/alerts/{id}").build(created.alertId()))
                .entity(created)
                .build();
    }

    @GET
    @Operation(
            operationId = "listAlerts",
            summary = "The alert rules the caller can see",
            description = "Members see their teams' rules, org admins every rule of the organization (the"
                    + " organization-wide ones first); `team_id` narrows the list to one team's rules.")
    @APIResponse(
            responseCode = "200",
            description = "`{data: [alert…]}`",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AlertList.class)))
    @APIResponse(responseCode = "400", description = "`team_id` is not a team id")
    @APIResponse(responseCode = "401", description = "No or an invalid token")
    @APIResponse(responseCode = "404", description = "The team is not one the caller can see")
    public AlertList list(@Parameter(example = "team_platform") @QueryParam("team_id") String teamId) {
        return alerts.list(caller.get(), teamId);
    }

    @GET
    @Path("/{alert_id}")
    @Operation(operationId = "getAlert", summary = "One alert rule, with its state and last value")
    @APIResponse(
            responseCode = "200",
            description = "The rule",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AlertResponse.class)))
    @APIResponse(responseCode = "401", description = "No or an invalid token")
    @APIResponse(responseCode = "404", description = "No such rule the caller can see")
    public AlertResponse get(@Parameter(example = "alr_5d0c…") @PathParam("alert_id") String alertId) {
        return alerts.get(caller.get(), alertId);
    }

    @PUT
    @Path("/{alert_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.TEAM_ADMIN)
    @Operation(
            operationId = "updateAlert",
            summary = "Replace an alert rule",
            description = "The whole rule, as for create (absent fields take their defaults). The webhook secret"
                    + " stays while `webhook_url` stays set, goes when it is removed, and is made and answered once"
                    + " (`webhook_secret`) when a URL is set on a rule that had none. Changing kind, measure, window,"
                    + " comparison, threshold or team starts the evaluation again: state ok, evaluated at once.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AlertBody.class),
                            examples = @ExampleObject(name = "daily team spend", value = EXAMPLE)))
    @APIResponse(
            responseCode = "200",
            description = "The rule as stored",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AlertResponse.class)))
    @APIResponse(responseCode = "400", description = "A field is invalid; `error.field` names it")
    @APIResponse(responseCode = "401", description = "No or an invalid token")
    @APIResponse(responseCode = "403", description = "The caller only reads the rule's team (or the new team's)")
    @APIResponse(responseCode = "404", description = "No such rule (or team) the caller can see")
    public AlertResponse update(
            @Parameter(example = "alr_5d0c…") @PathParam("alert_id") String alertId,
            @NotNull(message = BODY) @Valid AlertBody body) {
        Caller who = caller.get();
        return alerts.update(who, alertId, AlertRequests.fromBody(body, who.zoneinfo()));
    }

    @DELETE
    @Path("/{alert_id}")
    @RolesAllowed(Roles.TEAM_ADMIN)
    @Operation(operationId = "deleteAlert", summary = "Delete an alert rule with its events and deliveries")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", description = "No or an invalid token")
    @APIResponse(responseCode = "403", description = "The caller only reads the rule's team")
    @APIResponse(responseCode = "404", description = "No such rule the caller can see")
    public Response delete(@Parameter(example = "alr_5d0c…") @PathParam("alert_id") String alertId) {
        alerts.delete(caller.get(), alertId);
        return Response.noContent().build();
    }

    @POST
    @Path("/{alert_id}/webhook-secret")
    @RolesAllowed(Roles.TEAM_ADMIN)
    @Operation(
            operationId = "rotateAlertWebhookSecret",
            summary = "Replace the rule's webhook signing secret",
            description = "The new secret is answered once and signs every webhook call from now on; the old one"
                    + " stops at once.")
    @APIResponse(
            responseCode = "200",
            description = "`{webhook_secret}`",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = WebhookSecretResponse.class)))
    @APIResponse(
            responseCode = "400",
            description = "Webhooks are not configured on this installation (`error.field` webhook_url)")
    @APIResponse(responseCode = "401", description = "No or an invalid token")
    @APIResponse(responseCode = "403", description = "The caller only reads the rule's team")
    @APIResponse(responseCode = "404", description = "No such rule the caller can see")
    @APIResponse(responseCode = "409", description = "The rule has no webhook_url")
    public WebhookSecretResponse rotate(@Parameter(example = "alr_5d0c…") @PathParam("alert_id") String alertId) {
        return alerts.rotate(caller.get(), alertId);
    }

    @GET
    @Path("/{alert_id}/events")
    @Operation(
            operationId = "listAlertEvents",
            summary = "The rule's events, newest first: firings, resolutions, budget levels, forecasts")
    @APIResponse(
            responseCode = "200",
            description = "`{data, has_more, next_cursor}`",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AlertEventPage.class)))
    @APIResponse(responseCode = "400", description = "`limit` or `cursor` is invalid; `error.field` names it")
    @APIResponse(responseCode = "401", description = "No or an invalid token")
    @APIResponse(responseCode = "404", description = "No such rule the caller can see")
    public AlertEventPage events(
            @Parameter(example = "alr_5d0c…") @PathParam("alert_id") String alertId,
            @Parameter(description = "1–100, default 20", example = "20") @QueryParam("limit") String limit,
            @Parameter(description = "`next_cursor` of the previous page") @QueryParam("cursor") String cursor) {
        return alerts.events(caller.get(), alertId, AlertCursor.limit(limit), cursor);
    }

    @GET
    @Path("/{alert_id}/deliveries")
    @Operation(
            operationId = "listAlertDeliveries",
            summary = "The rule's notifications (e-mails and webhook calls), newest first, with their outcome")
    @APIResponse(
            responseCode = "200",
            description = "`{data, has_more, next_cursor}`",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AlertDeliveryPage.class)))
    @APIResponse(responseCode = "400", description = "`limit` or `cursor` is invalid; `error.field` names it")
    @APIResponse(responseCode = "401", description = "No or an invalid token")
    @APIResponse(responseCode = "404", description = "No such rule the caller can see")
    public AlertDeliveryPage deliveries(
            @Parameter(example = "alr_5d0c…") @PathParam("alert_id") String alertId,
            @Parameter(description = "1–100, default 20", example = "20") @QueryParam("limit") String limit,
            @Parameter(description = "`next_cursor` of the previous page") @QueryParam("cursor") String cursor) {
        return alerts.deliveries(caller.get(), alertId, AlertCursor.limit(limit), cursor);
    }
}
