package dev.gatewayreports.reportapi.reports;

import dev.gatewayreports.model.report.GenerateReportRequest;
import dev.gatewayreports.model.report.Report;
import dev.gatewayreports.reportapi.errors.ApiException;
import dev.gatewayreports.reportapi.metrics.ReportApiMetrics;
import dev.gatewayreports.reportapi.security.CurrentCaller;
import dev.gatewayreports.reportapi.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Reports: generate (JSON, CSV, XLSX; optionally saved), quick reports, the saved history, downloads. */
@Path("/v1/reports")
@RolesAllowed({Roles.MEMBER, Roles.REPORT_SERVICE})
@Tag(name = "Reports")
@SecurityRequirement(name = "oidc")
public class ReportsResource {
    private final ReportService reports;
    private final CurrentCaller caller;
    private final Clock clock;
    private final ReportApiMetrics metrics;

    public ReportsResource(ReportService reports, CurrentCaller caller, Clock clock, ReportApiMetrics metrics) {
        this.reports = reports;
        this.caller = caller;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Builds the report, timed by its type and the format it is answered in. */
    private Report generate(ReportSpec spec) {
        return metrics.generation(spec.type().wire(), spec.format().wire())
                .record(() -> reports.generate(caller.get(), spec));
    }

    @POST
    @Path("/generate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, ReportExports.CSV, ReportExports.XLSX})
    @Operation(
            operationId = "generateReport",
            summary = "Generate a report",
            description = "`format` json answers the report object; csv and xlsx answer the file. With `save` the"
                    + " report is kept (its id in `report_id` and the `X-Report-Id` header).")
    @RequestBody(
            content =
                    @org.eclipse.microprofile.openapi.annotations.media.Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples =
                                    @org.eclipse.microprofile.openapi.annotations.media.ExampleObject(
                                            name = "weekly cost report",
                                            value = "{\"report_type\": \"cost\", \"days\": 7, \"timezone\":"
                                                    + " \"America/New_York\", \"team_id\": \"team_xyz\", \"format\":"
                                                    + " \"json\", \"save\": true, \"sections\": {\"by_api_key\":"
                                                    + " true}}")))
    @APIResponse(
            responseCode = "200",
            description = "The report object, or the file",
            content = {
                @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Report.class)),
                @Content(mediaType = ReportExports.CSV, schema = @Schema(type = SchemaType.STRING)),
                @Content(mediaType = ReportExports.XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary"))
            })
    @APIResponse(responseCode = "400", description = "A field is invalid; `error.field` names it")
    @APIResponse(responseCode = "404", description = "The team is not one the caller can see")
    public Response generate(
            @NotNull(message = "a JSON object with report_type is required") @Valid GenerateReportRequest body) {
        ReportSpec spec = ReportRequests.fromRequest(body, clock);
        Report report = generate(spec);
        Response.ResponseBuilder answer = ReportExports.render(report, spec.format(), metrics);
        if (spec.save()) {
            answer.header("X-Report-Id", report.reportId());
        }
        return answer.build();
    }

    @GET
    @Path("/quick/{report_type}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "getQuickReport",
            summary = "A quick report with the type's default sections (not saved)",
            description = "Cacheable: answers an `ETag`; a request with that value in `If-None-Match` gets 304.")
    @APIResponse(
            responseCode = "200",
            description = "The report object",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Report.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag given in If-None-Match")
    @APIResponse(responseCode = "400", description = "A parameter is invalid; `error.field` names it")
    @APIResponse(responseCode = "401", description = "No or an invalid token")
    public Response quick(
            @Parameter(example = "usage") @PathParam("report_type") String type,
            @Parameter(example = "7") @QueryParam("days") String days,
            @Parameter(example = "team_xyz") @QueryParam("team_id") String teamId,
            @Parameter(example = "Asia/Seoul") @QueryParam("timezone") String timezone,
            @HeaderParam("If-None-Match") String ifNoneMatch) {
        ReportSpec spec = ReportRequests.quick(type, days, teamId, timezone, clock);
        Report report = generate(spec);
        EntityTag tag = new EntityTag(ReportEtags.of(report));
        CacheControl cache = new CacheControl();
        cache.setPrivate(true);
        cache.setMaxAge(60);
        cache.setNoTransform(false);
        if (ifNoneMatch != null && ReportEtags.matches(ifNoneMatch, tag.getValue())) {
            return Response.notModified(tag).cacheControl(cache).build();
        }
        return Response.ok(ReportExports.json(report), MediaType.APPLICATION_JSON_TYPE)
                .tag(tag)
                .cacheControl(cache)
                .build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listSavedReports", summary = "Saved reports, newest first")
    @APIResponse(responseCode = "200", description = "`{data, has_more, next_cursor}`")
    @APIResponse(responseCode = "400", description = "A parameter is invalid; `error.field` names it")
    @APIResponse(responseCode = "401", description = "No or an invalid token")
    @APIResponse(responseCode = "404", description = "`team_id` is not a team the caller can see")
    public ReportPage list(
            @Parameter(example = "20") @QueryParam("limit") String limit,
            @Parameter(description = "`next_cursor` of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(example = "cost") @QueryParam("report_type") String type,
            @Parameter(
                            description = "Only this team's reports (`all`: the organization-wide ones)",
                            example = "team_xyz")
                    @QueryParam("team_id")
                    String teamId) {
        if (type != null && ReportType.fromWire(type) == null) {
            throw ApiException.invalid("report_type", "report_type must be " + ReportType.allowed());
        }
        return reports.list(caller.get(), limit(limit), cursor, type, ReportRequests.teamId(teamId));
    }

    @GET
    @Path("/{report_id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "getSavedReport",
            summary = "One saved report",
            description = "Answers an `ETag`; a request with that value in `If-None-Match` gets 304.")
    @APIResponse(
            responseCode = "200",
            description = "The report object as it was generated",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Report.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag given in If-None-Match")
    @APIResponse(responseCode = "404", description = "No such report the caller can see")
    public Response get(
            @Parameter(example = "rpt_2f6c9e0f…") @PathParam("report_id") String reportId,
            @HeaderParam("If-None-Match") String ifNoneMatch) {
        SavedReportRepository.Stored stored = reports.find(caller.get(), reportId);
        EntityTag tag = new EntityTag(ReportEtags.ofSaved(stored.body(), ExportFormat.JSON));
        if (ifNoneMatch != null && ReportEtags.matches(ifNoneMatch, tag.getValue())) {
            return Response.notModified(tag).build();
        }
        return Response.ok(ReportExports.json(reports.read(reportId, stored)), MediaType.APPLICATION_JSON_TYPE)
                .tag(tag)
                .build();
    }

    @GET
    @Path("/download/{report_id}")
    @Produces({MediaType.APPLICATION_JSON, ReportExports.CSV, ReportExports.XLSX})
    @Operation(
            operationId = "downloadSavedReport",
            summary = "A saved report as a file: the same content as when it was generated",
            description = "Answers an `ETag`; a request with that value in `If-None-Match` gets 304.")
    @APIResponse(
            responseCode = "200",
            description = "The file, with Content-Disposition",
            content = {
                @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Report.class)),
                @Content(mediaType = ReportExports.CSV, schema = @Schema(type = SchemaType.STRING)),
                @Content(mediaType = ReportExports.XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary"))
            })
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag given in If-None-Match")
    @APIResponse(responseCode = "404", description = "No such report the caller can see")
    public Response download(
            @Parameter(example = "rpt_2f6c9e0f…") @PathParam("report_id") String reportId,
            @Parameter(example = "xlsx") @QueryParam("format") String format,
            @HeaderParam("If-None-Match") String ifNoneMatch) {
        ExportFormat exportFormat = format == null ? ExportFormat.JSON : ReportRequests.format(format, "format");
        SavedReportRepository.Stored stored = reports.find(caller.get(), reportId);
        EntityTag tag = new EntityTag(ReportEtags.ofSaved(stored.body(), exportFormat));
        if (ifNoneMatch != null && ReportEtags.matches(ifNoneMatch, tag.getValue())) {
            return Response.notModified(tag).build();
        }
        Report report = reports.read(reportId, stored);
        Response.ResponseBuilder answer =
                ReportExports.render(report, exportFormat, metrics).tag(tag);
        if (exportFormat == ExportFormat.JSON) {
            answer.header(
                    jakarta.ws.rs.core.HttpHeaders.CONTENT_DISPOSITION,
                    dev.gatewayreports.reportapi.export.ReportFiles.contentDisposition(
                            dev.gatewayreports.reportapi.export.ReportFiles.fileName(report, "json")));
        }
        return answer.build();
    }

    @DELETE
    @Path("/{report_id}")
    @Operation(
            operationId = "deleteSavedReport",
            summary = "Delete a saved report (the member who saved it, a team_admin of its team, or org_admin)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(
            responseCode = "403",
            description = "The caller only reads this team's reports and did not save this one")
    @APIResponse(responseCode = "404", description = "No such report the caller can see")
    public Response delete(@Parameter(example = "rpt_2f6c9e0f…") @PathParam("report_id") String reportId) {
        reports.delete(caller.get(), reportId);
        return Response.noContent().build();
    }

    private static int limit(String value) {
        if (value == null) {
            return 20;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= 100) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalid("limit", "limit must be a whole number between 1 and 100");
    }
}
