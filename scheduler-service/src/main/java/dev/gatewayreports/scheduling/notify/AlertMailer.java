package dev.gatewayreports.scheduling.notify;

import dev.gatewayreports.model.schedules.Recipients;
import dev.gatewayreports.scheduling.delivery.DeliveryFailure;
import dev.gatewayreports.scheduling.delivery.MailConfig;
import dev.gatewayreports.scheduling.delivery.ReportMailer;
import io.quarkus.mailer.Mail;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * Mails one alert notification to its one recipient: an HTML body with a plain-text alternative (Qute templates in
 * the style of the report mail), sent through {@link ReportMailer}'s SMTP path (a 421 is retried once on a new
 * connection). The subject is header-safe; the address is re-checked and must lie in the organization's allowed
 * recipient domains, if it has any.
 */
@ApplicationScoped
public class AlertMailer {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance alertHtml(AlertMailView mail);

        static native TemplateInstance alertText(AlertMailView mail);
    }

    private final ReportMailer reportMailer;
    private final MailConfig config;

    public AlertMailer(ReportMailer reportMailer, MailConfig config) {
        this.reportMailer = reportMailer;
        this.config = config;
    }

    /** Sends; throws {@link DeliveryFailure} (permanent for a bad or disallowed address) when it cannot. */
    void send(ClaimedNotification n) {
        String to = n.target().strip();
        Optional<String> problem = Recipients.problem(to)
                .or(() -> Recipients.outsideDomains(List.of(to), n.allowedDomains())
                        .map(d -> d + " is not in a domain the organization allows"));
        if (problem.isPresent()) {
            throw new DeliveryFailure("recipient: " + problem.get(), true);
        }
        AlertMailView view = AlertMailView.of(n);
        Mail mail = new Mail()
                .setTo(List.of(to))
                .setSubject(AlertWording.subject(n))
                .setHtml(renderHtml(view))
                .setText(renderText(view));
        config.replyTo()
                .map(String::strip)
                .filter(r -> Recipients.problem(r).isEmpty())
                .ifPresent(mail::setReplyTo);
        try {
            reportMailer.sendOnFreshConnectionIfClosed(mail);
        } catch (RuntimeException e) {
            throw new DeliveryFailure("SMTP: " + DeliveryFailure.describe(e), false, e);
        }
    }

    /** The HTML body alone, for previews. */
    public String renderHtml(AlertMailView view) {
        return Templates.alertHtml(view).render();
    }

    /** The plain-text body alone, for previews. */
    public String renderText(AlertMailView view) {
        return Templates.alertText(view).render();
    }
}
