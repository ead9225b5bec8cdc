package dev.gatewayreports.scheduling.due;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewayreports.model.report.Report;
import dev.gatewayreports.scheduling.delivery.DeliveryFailure;
import dev.gatewayreports.scheduling.delivery.DeliveryRequest;
import dev.gatewayreports.scheduling.notify.WebhookCall;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * POSTs a scheduled report to its schedule's webhook: the body of {@link ScheduledReportBody}, signed with the
 * schedule's secret as it is now (a rotated one signs the next attempt) by the alerts' {@link WebhookCall}.
 */
@ApplicationScoped
public class ReportWebhook {
    private final WebhookCall webhooks;
    private final ObjectMapper json;

    public ReportWebhook(WebhookCall webhooks, ObjectMapper json) {
        this.webhooks = webhooks;
        this.json = json;
    }

    /**
     * The schedule's signing secret as it is now (a rotated one signs the next attempt); a permanent {@link
     * DeliveryFailure} when the schedule or its webhook is gone.
     */
    String secret(ClaimedDelivery d) {
        ClaimedDelivery.Webhook webhook = d.webhook();
        if (webhook.scheduleId() == null || webhook.sealedSecret() == null) {
            throw new DeliveryFailure("the schedule has no webhook any more", true);
        }
        return webhooks.secret(webhook.scheduleId(), webhook.sealedSecret());
    }

    /** Answers the receiver's 2xx status; throws {@link DeliveryFailure} (with the status, if any) otherwise. */
    int post(ClaimedDelivery d, String secret, Report report, Instant at) {
        return webhooks.post(d.webhook().url(), secret, d.deliveryId(), body(d, report), at);
    }

    byte[] body(ClaimedDelivery d, Report report) {
        DeliveryRequest r = d.request();
        ScheduledReportBody body = new ScheduledReportBody(
                ScheduledReportBody.TYPE,
                r.deliveryId(),
                d.webhook().scheduleId(),
                d.webhook().slot() == null ? null : d.webhook().slot().toString(),
                r.orgId(),
                r.teamId(),
                r.reportType(),
                r.frequency(),
                new ScheduledReportBody.Period(
                        r.periodStart().toString(),
                        r.periodEnd().toString(),
                        r.zone().getId(),
                        r.firstDay().toString(),
                        r.lastDay().toString()),
                report);
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the scheduled report's webhook body does not serialise", e);
        }
    }
}
