package dev.gatewayreports.scheduling.delivery;

import dev.gatewayreports.model.report.Report;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** One delivery attempt: report-api makes (and saves) the report and its file; the mailer sends them. */
@ApplicationScoped
public class ReportDelivery {
    private final ReportApiCalls reportApi;
    private final ReportMailer mailer;

    public ReportDelivery(ReportApiCalls reportApi, ReportMailer mailer) {
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
     *     <p>Each attempt is one trace (when tracing is on): its calls to report-api are its child spans and carry
     *     it to report-api in {@code traceparent}, where the report is made in the same trace.
     */
    @WithSpan("report delivery")
    public String deliver(
            DeliveryRequest d, String savedReportId, Consumer<String> onSaved, BooleanSupplier stillOurs) {
        Report report = report(d, savedReportId, onSaved);
        String reportId = report.reportId() != null ? report.reportId() : savedReportId;
        Attachment attachment = null;
        if (!"none".equals(d.format())) {
            if (reportId == null) {
                throw new DeliveryFailure("report-api saved no report to download", false);
            }
            attachment = reportApi.download(d, reportId, d.format());
        }
        if (!stillOurs.getAsBoolean()) {
            throw new LeaseLost();
        }
        mailer.send(d, report, attachment);
        return reportId;
    }

    /**
     * The delivery's report: the one an earlier attempt saved ({@code savedReportId}, as it was), or a newly
     * generated and saved one, whose id {@code onSaved} is told before anything is sent. Its {@code report_id} is
     * the saved report's.
     */
    public Report report(DeliveryRequest d, String savedReportId, Consumer<String> onSaved) {
        Span.current().setAttribute("delivery.id", d.deliveryId()).setAttribute("organization.id", d.orgId());
        Report report = savedReportId == null ? null : reportApi.saved(d, savedReportId);
        if (report == null) {
            report = reportApi.generate(d);
            if (report.reportId() != null) {
                onSaved.accept(report.reportId());
            }
        }
        return report;
    }

    /** The delivery's lease was taken over by another replica while its report was being made: do not send. */
    public static final class LeaseLost extends RuntimeException {
        public LeaseLost() {
            super("lease taken over by another replica", null, false, false);
        }
    }
}
