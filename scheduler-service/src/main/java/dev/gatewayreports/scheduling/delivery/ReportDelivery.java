package dev.gatewayreports.scheduling.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;

/** One delivery attempt: report-api makes (and saves) the report and its file; the mailer sends them. */
@ApplicationScoped
public class ReportDelivery {
    private final ReportApiClient reportApi;
    private final ReportMailer mailer;

    public ReportDelivery(ReportApiClient reportApi, ReportMailer mailer) {
        this.reportApi = reportApi;
        this.mailer = mailer;
    }

    /** Sends the delivery; answers the saved report's id. Throws {@link DeliveryFailure} when it cannot. */
    public String deliver(DeliveryRequest d) {
        JsonNode report = reportApi.generate(d);
        String reportId = report.path("report_id").asText(null);
        Attachment attachment = null;
        if (!"none".equals(d.format())) {
            if (reportId == null) {
                throw new DeliveryFailure("report-api saved no report to download", false);
            }
            attachment = reportApi.download(d.orgId(), reportId, d.format());
        }
        mailer.send(d, report, attachment);
        return reportId;
    }
}
