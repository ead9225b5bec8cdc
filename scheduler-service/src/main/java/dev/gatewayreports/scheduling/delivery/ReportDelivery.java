package dev.gatewayreports.scheduling.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.BooleanSupplier;

/** One delivery attempt: report-api makes (and saves) the report and its file; the mailer sends them. */
@ApplicationScoped
public class ReportDelivery {
    private final ReportApiClient reportApi;
    private final ReportMailer mailer;

    public ReportDelivery(ReportApiClient reportApi, ReportMailer mailer) {
        this.reportApi = reportApi;
        this.mailer = mailer;
    }

    /**
     * Sends the delivery and answers the saved report's id ({@link DeliveryFailure} when it cannot), unless
     * {@code stillOurs}, asked after the report and its file are made and right before
     * the mail goes out, says another replica has taken it over (then {@link LeaseLost}, nothing sent).
     */
    public String deliver(DeliveryRequest d, BooleanSupplier stillOurs) {
        JsonNode report = reportApi.generate(d);
        String reportId = report.path("report_id").asText(null);
        Attachment attachment = null;
        if (!"none".equals(d.format())) {
            if (reportId == null) {
                throw new DeliveryFailure("report-api saved no report to download", false);
            }
            attachment = reportApi.download(d.orgId(), reportId, d.format());
        }
        if (!stillOurs.getAsBoolean()) {
            throw new LeaseLost();
        }
        mailer.send(d, report, attachment);
        return reportId;
    }

    /** The delivery's lease was taken over by another replica while its report was being made: do not send. */
    public static final class LeaseLost extends RuntimeException {
        public LeaseLost() {
            super("lease taken over by another replica", null, false, false);
        }
    }
}
