package dev.gatewayreports.scheduling.delivery;

import dev.gatewayreports.model.report.GenerateReportRequest;
import dev.gatewayreports.model.report.Report;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * report-api's report endpoints as this service calls them (a Quarkus REST client, built by {@link ReportApiCalls}
 * with the bearer token of {@link ServiceTokenFilter} and the error mapping of {@link ReportApiErrors}). Every call
 * names the organization it acts for and carries the delivery's id as its request id, so report-api's log lines
 * of a delivery can be found by it.
 */
@Path("/v1/reports")
public interface ReportApi {
    /** The organization a report_service token acts for (report-api's {@code CurrentCaller}). */
    String ACTING_ORGANIZATION = "X-Acting-Organization";

    /** The request id report-api logs and echoes. */
    String REQUEST_ID = "X-Request-Id";

    /** {@code POST /v1/reports/generate}: the report object, with its report_id when saved. */
    @POST
    @Path("/generate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Report generate(
            @HeaderParam(ACTING_ORGANIZATION) String orgId,
            @HeaderParam(REQUEST_ID) String requestId,
            GenerateReportRequest request);

    /** {@code GET /v1/reports/{id}}: a saved report, exactly as it was generated. */
    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    Report saved(
            @HeaderParam(ACTING_ORGANIZATION) String orgId,
            @HeaderParam(REQUEST_ID) String requestId,
            @PathParam("id") String reportId);

    /** {@code GET /v1/reports/download/{id}?format=…}: the file, with its Content-Disposition and Content-Type. */
    @GET
    @Path("/download/{id}")
    Response download(
            @HeaderParam(ACTING_ORGANIZATION) String orgId,
            @HeaderParam(REQUEST_ID) String requestId,
            @PathParam("id") String reportId,
            @QueryParam("format") String format);
}
