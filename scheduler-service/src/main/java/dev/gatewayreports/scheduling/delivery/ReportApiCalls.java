package dev.gatewayreports.scheduling.delivery;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewayreports.model.report.GenerateReportRequest;
import dev.gatewayreports.model.report.Report;
import dev.gatewayreports.model.report.ReportSections;
import dev.gatewayreports.scheduling.due.SchedulerConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * report-api as the report service sees it: generate (and save) a report of a delivery's fixed period for the
 * delivery's organization, read a saved one back, download it as CSV or XLSX. All report logic stays in
 * report-api. The calls go through the {@link ReportApi} REST client, built here from
 * {@code reports.scheduler.report-api.url} and {@code .timeout} (env {@code REPORTS_SCHEDULER_REPORT_API_URL},
 * {@code _TIMEOUT}); what fails becomes a {@link DeliveryFailure} named after the call.
 */
@ApplicationScoped
public class ReportApiCalls {
    /** How long a connection to report-api may take to open. */
    static final long CONNECT_TIMEOUT_SECONDS = 10;

    private static final TypeReference<Map<String, Boolean>> SECTION_FLAGS = new TypeReference<>() {};

    private final ReportApi api;
    private final ServiceToken token;
    private final ObjectMapper json;

    public ReportApiCalls(SchedulerConfig config, ServiceToken token, ObjectMapper json) {
        SchedulerConfig.ReportApi reportApi = config.reportApi();
        this.token = token;
        this.json = json;
        this.api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(reportApi.url()))
                .connectTimeout(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .readTimeout(reportApi.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .disableDefaultMapper(true)
                .register(new ServiceTokenFilter(token))
                .register(new ReportApiErrors(json))
                .build(ReportApi.class);
    }

    /** {@code POST /v1/reports/generate} with {@code save: true}: the report object, with its report_id. */
    public Report generate(DeliveryRequest d) {
        GenerateReportRequest body = GenerateReportRequest.savedPeriod(
                d.reportType(), d.teamId(), d.periodStart(), d.periodEnd(), d.zone(), sections(d));
        return call("generate", () -> api.generate(d.orgId(), d.deliveryId(), body));
    }

    /**
     * {@code GET /v1/reports/{id}}: a report saved earlier, exactly as it was generated; null when report-api no
     * longer has it (deleted since), so the caller makes a new one.
     */
    public Report saved(DeliveryRequest d, String reportId) {
        try {
            return call("saved report", () -> api.saved(d.orgId(), d.deliveryId(), reportId));
        } catch (DeliveryFailure e) {
            if (e.notFound()) {
                return null;
            }
            throw e;
        }
    }

    /** {@code GET /v1/reports/download/{id}?format=…}: the file, named as report-api names it. */
    public Attachment download(DeliveryRequest d, String reportId, String format) {
        return call("download", () -> {
            try (Response response = api.download(d.orgId(), d.deliveryId(), reportId, format)) {
                return Attachment.of(
                        response.getHeaderString("Content-Disposition"),
                        response.getHeaderString(HttpHeaders.CONTENT_TYPE),
                        format,
                        response.readEntity(byte[].class));
            }
        });
    }

    /**
     * One call, named {@code what} in its failure; a refused renewable token (401) is replaced once. Transport
     * failures (refused connection, timeout) are retried like a 5xx.
     */
    private <T> T call(String what, Supplier<T> call) {
        try {
            return once(what, call);
        } catch (DeliveryFailure e) {
            if (e.status() == 401 && token.renewable()) {
                token.invalidate();
                return named(what, () -> once(what, call));
            }
            throw named(what, e);
        }
    }

    private <T> T named(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (DeliveryFailure e) {
            throw named(what, e);
        }
    }

    /** A failure answered by report-api, named after the call; others (the token endpoint's) as they are. */
    private static DeliveryFailure named(String what, DeliveryFailure e) {
        return e.status() == 0
                ? e
                : new DeliveryFailure("report-api " + what + " " + e.getMessage(), e.permanent(), e.status());
    }

    /**
     * One call; a failure in the token filter or the transport that the client wraps becomes the {@link
     * DeliveryFailure} it carries or a transient one.
     */
    private static <T> T once(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (ProcessingException e) {
            for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
                if (c instanceof DeliveryFailure failure) {
                    throw failure;
                }
            }
            throw new DeliveryFailure("report-api " + what + " failed: " + DeliveryFailure.describe(e), false, e);
        }
    }

    /** The delivery's sections as stored (every section with its flag), or null for report-api's defaults. */
    private ReportSections sections(DeliveryRequest d) {
        if (d.sectionsJson() == null) {
            return null;
        }
        try {
            return ReportSections.of(json.readValue(d.sectionsJson(), SECTION_FLAGS));
        } catch (IOException e) {
            throw new DeliveryFailure("the delivery's sections are not JSON", true, e);
        }
    }
}
