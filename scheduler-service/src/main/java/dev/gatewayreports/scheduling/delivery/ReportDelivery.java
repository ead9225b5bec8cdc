package dev.gatewayreports.scheduling.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

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
     *
     * @param savedReportId the report an earlier attempt of this delivery saved: it is mailed again as it was
     *     (the figures of the first attempt, no second saved report); null, or deleted since, makes a new one
     * @param onSaved told the id of a newly generated and saved report, before anything is mailed
     */
    public String deliver(
            DeliveryRequest d, String savedReportId, Consumer<String> onSaved, BooleanSupplier stillOurs) {
        JsonNode report = savedReportId == null ? null : reportApi.saved(d.orgId(), savedReportId);
        String reportId = savedReportId;
        if (report == null) {
            report = reportApi.generate(d);
            reportId = report.path("report_id").asText(null);
            if (reportId != null) {
                onSaved.accept(reportId);
            }
        }
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
