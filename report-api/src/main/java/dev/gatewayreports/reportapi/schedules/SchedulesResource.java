package dev.gatewayreports.reportapi.schedules;

import dev.gatewayreports.reportapi.reports.ReportRequests;
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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Scheduled reports (one per team and report type), ad-hoc sends by e-mail, and their deliveries. */
@Path("/v1/reports")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MEMBER, Roles.REPORT_SERVICE})
@Tag(name = "Scheduled and e-mailed reports")
@SecurityRequirement(name = "oidc")
public class SchedulesResource {
    private final ScheduleService schedules;
    private final DeliveryService deliveries;
    private final CurrentCaller caller;

    public SchedulesResource(ScheduleService schedules, DeliveryService deliveries, CurrentCaller caller) {
        this.schedules = schedules;
        this.deliveries = deliveries;
        this.caller = caller;
    }

    @POST
    @Path("/schedule")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.TEAM_ADMIN)
    @Operation(
            operationId = "saveSchedule",
            summary = "Create or replace a team's schedule of one report type",
            description = "One schedule per team and report type: a second request replaces the first and keeps its"
                    + " `schedule_id`. `schedule_time` is local to `timezone` (default: the token's `zoneinfo` claim when it is"
                    + " an IANA zone, else UTC); `schedule_day` is 0–6"
                    + " (0 = Sunday) for weekly, 1–31 for monthly (the last day of shorter months), ignored for"
                    + " daily. `days` defaults to 1, 7 or 30 by frequency; `format` (csv, xlsx, none) defaults to"
                    + " none; `sections` overrides the type's defaults. `webhook_url` (https; http only where"
                    + " `reports.webhooks.allow-http` is set) also POSTs each report as signed JSON"
                    + " (docs/webhooks.md); `recipients` may then be empty, but one of the two is required. The"
                    + " first save with a `webhook_url` answers its signing secret `webhook_secret` (`whsec_…`) this"
                    + " once; later saves keep it while a `webhook_url` is set. Answers 200 with the schedule both"
                    + " when it is created and when it is replaced.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples = {
                                @ExampleObject(
                                        name = "weekly usage report",
                                        value = "{\"report_type\": \"usage\", \"frequency\": \"weekly\","
                                                + " \"schedule_time\": \"09:00\", \"schedule_day\": 1,"
                                                + " \"timezone\": \"Asia/Seoul\", \"days\": 7, \"recipients\":"
                                                + " [\"team@example.com\"], \"format\": \"xlsx\", \"team_id\":"
                                                + " \"team_xyz\", \"sections\": {\"summary\": true,"
                                                + " \"daily_trend\": true}}"),
                                @ExampleObject(
                                        name = "daily cost report to a webhook only",
                                        value = "{\"report_type\": \"cost\", \"frequency\": \"daily\","
                                                + " \"schedule_time\": \"07:00\", \"timezone\": \"Europe/Berlin\","
                                                + " \"recipients\": [], \"webhook_url\":"
                                                + " \"https://hooks.example.com/gateway-reports\", \"team_id\":"
                                                + " \"team_xyz\"}")
                            }))
    @APIResponse(
            responseCode = "200",
            description = "The schedule, with `next_run_at`; `webhook_secret` only when this save made it")
    @APIResponse(
            responseCode = "400",
            description =
                    "A field is invalid (`recipients` and `webhook_url` both absent, say); `error.field` names" + " it")
    @APIResponse(responseCode = "403", description = "The caller is not team_admin of the team (or org_admin)")
    @APIResponse(responseCode = "404", description = "The team is not one the caller can see")
    public ScheduleResponse save(
            @NotNull(message = "a JSON object with report_type, frequency and recipients is required") @Valid
                    ScheduleBody body) {
        Caller who = caller.get();
        return schedules.save(who, ScheduleRequests.fromBody(body, who.zoneinfo()));
    }

    @GET
    @Path("/preferences/all")
    @Operation(
            operationId = "listSchedules",
            summary = "Every schedule the caller can see, with its next run and last delivery",
            description = "Ordered by team and report type. An org_admin sees the whole organization, others the"
                    + " teams of their token; `team_id` narrows the list to one team.")
    @APIResponse(
            responseCode = "200",
            description =
                    "`{schedules: [...]}`, each with `last_delivery` (or null) and `last_deliveries`, the newest delivery of"
                            + " each channel (email before webhook)")
    @APIResponse(responseCode = "404", description = "The team named is not one the caller can see")
    public PreferencesResponse preferences(@Parameter(example = "team_xyz") @QueryParam("team_id") String teamId) {
        return schedules.list(caller.get(), teamId);
    }

    @DELETE
    @Path("/schedule/{report_type}")
    @RolesAllowed(Roles.TEAM_ADMIN)
    @Operation(operationId = "deleteSchedule", summary = "Delete a team's schedule of one report type")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", description = "Unknown report type, or team_id missing or all")
    @APIResponse(responseCode = "403", description = "The caller is not team_admin of the team (or org_admin)")
    @APIResponse(responseCode = "404", description = "No such schedule for a team the caller can see")
    public Response delete(
            @Parameter(example = "usage") @PathParam("report_type") String type,
            @Parameter(example = "team_xyz") @QueryParam("team_id") String teamId) {
        schedules.delete(caller.get(), ReportRequests.type(type), teamId);
        return Response.noContent().build();
    }

    @POST
    @Path("/schedule/{report_type}/webhook-secret")
    @RolesAllowed(Roles.TEAM_ADMIN)
    @Operation(
            operationId = "rotateScheduleWebhookSecret",
            summary = "Replace the webhook signing secret of a team's schedule of one report type",
            description = "The new secret is answered once and signs every webhook call from now on, retries of"
                    + " earlier slots included; the old one stops at once.")
    @APIResponse(
            responseCode = "200",
            description = "`{webhook_secret}`",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = WebhookSecretResponse.class)))
    @APIResponse(
            responseCode = "400",
            description = "Unknown report type, team_id missing or all, or webhooks are not configured on this"
                    + " installation; `error.field` names it")
    @APIResponse(responseCode = "403", description = "The caller is not team_admin of the team (or org_admin)")
    @APIResponse(responseCode = "404", description = "No such schedule for a team the caller can see")
    @APIResponse(responseCode = "409", description = "The schedule has no webhook_url")
    public WebhookSecretResponse rotateWebhookSecret(
            @Parameter(example = "usage") @PathParam("report_type") String type,
            @Parameter(example = "team_xyz") @QueryParam("team_id") String teamId) {
        return schedules.rotate(caller.get(), ReportRequests.type(type), teamId);
    }

    @POST
    @Path("/send")
    @Operation(
            operationId = "sendReport",
            summary = "E-mail a report now",
            description = "Body: a JSON array of recipient addresses; no body or an empty array `[]` sends to the"
                    + " caller's own e-mail (from its token). Any member of the team may send. The report covers the `days` whole local days"
                    + " before today in `timezone`; the scheduler renders and sends it within seconds. Follow"
                    + " `Location` for its status.")
    @RequestBody(
            required = false,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(type = SchemaType.ARRAY, implementation = String.class),
                            examples =
                                    @ExampleObject(
                                            name = "two recipients",
                                            value = "[\"alice@example.com\", \"finance@example.com\"]")))
    @APIResponse(
            responseCode = "202",
            description = "`{delivery_id, status: pending}`, with `Location`",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SendResponse.class)))
    @APIResponse(
            responseCode = "400",
            description = "A parameter or recipient is invalid, or a recipient's domain is not one the organization"
                    + " allows; `error.field` names it")
    @APIResponse(
            responseCode = "429",
            description = "The caller's or the organization's send quota is used up (`error.field` names it); see"
                    + " `Retry-After`")
    @APIResponse(responseCode = "404", description = "The team is not one the caller can see")
    public Response send(
            @Parameter(example = "usage", required = true) @QueryParam("report_type") String type,
            @Parameter(example = "7") @QueryParam("days") String days,
            @Parameter(example = "team_xyz") @QueryParam("team_id") String teamId,
            @Parameter(example = "xlsx") @QueryParam("format") String format,
            @Parameter(example = "Europe/Berlin") @QueryParam("timezone") String timezone,
            @jakarta.ws.rs.core.Context UriInfo uri,
            String body) {
        SendResponse sent =
                deliveries.send(caller.get(), ScheduleRequests.send(type, days, teamId, format, timezone, body));
        return Response.accepted(sent)
                .location(uri.getBaseUriBuilder()
                        .path("/v1/reports/deliveries/{id}")
                        .build(sent.deliveryId()))
                .build();
    }

    @GET
    @Path("/deliveries/{delivery_id}")
    @Operation(
            operationId = "getDelivery",
            summary = "One delivery: a schedule's run or an ad-hoc send, with its status and attempts")
    @APIResponse(responseCode = "200", description = "The delivery")
    @APIResponse(responseCode = "404", description = "No such delivery the caller can see")
    public DeliveryResponse delivery(@Parameter(example = "dlv_8b1f…") @PathParam("delivery_id") String deliveryId) {
        return deliveries.get(caller.get(), deliveryId);
    }
}
