package dev.gatewayreports.scheduling.delivery;

import dev.gatewayreports.model.report.Report;
import dev.gatewayreports.model.schedules.Recipients;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * Mails a report: an HTML body with a plain-text alternative (Qute templates) and the report file attached. Every
 * header value is stripped of control characters and every address re-checked, so nothing in a report, a team
 * name or a configured subject can add a header.
 */
@ApplicationScoped
public class ReportMailer {
    private static final int MAX_SUBJECT = 200;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance reportHtml(MailView mail);

        static native TemplateInstance reportText(MailView mail);
    }

    private final Mailer mailer;
    private final MailConfig config;

    public ReportMailer(Mailer mailer, MailConfig config) {
        this.mailer = mailer;
        this.config = config;
    }

    /** Sends one message to all of the delivery's recipients; throws {@link DeliveryFailure} when it cannot. */
    public void send(DeliveryRequest d, Report report, Attachment attachment) {
        List<String> to = checkedRecipients(d.recipients());
        MailView view = MailView.of(d, report, attachment);
        Mail mail = new Mail()
                .setTo(to)
                .setSubject(subject(d))
                .setHtml(Templates.reportHtml(view).render())
                .setText(Templates.reportText(view).render());
        replyTo().ifPresent(mail::setReplyTo);
        if (attachment != null) {
            mail.addAttachment(attachment.fileName(), attachment.content(), attachment.contentType());
        }
        try {
            sendOnFreshConnectionIfClosed(mail);
        } catch (RuntimeException e) {
            throw new DeliveryFailure("SMTP: " + DeliveryFailure.describe(e), false, e);
        }
    }

    /**
     * Sends; when the server answered 421 (it closes the channel: an idle or timed-out pooled connection, RFC 5321
     * 3.8) the message was not accepted, so it is sent once more at once on a new connection instead of waiting
     * for the delivery's backoff. Any other failure, or a second 421, is the attempt's failure. Alert mails
     * (scheduling.notify) are sent through here too.
     */
    public void sendOnFreshConnectionIfClosed(Mail mail) {
        try {
            mailer.send(mail);
        } catch (RuntimeException e) {
            if (!closedChannel(e)) {
                throw e;
            }
            mailer.send(mail);
        }
    }

    private static boolean closedChannel(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SMTPException smtp && smtp.getReplyCode() == 421) {
                return true;
            }
        }
        return false;
    }

    /** The HTML body alone, for previews. */
    public String renderHtml(MailView view) {
        return Templates.reportHtml(view).render();
    }

    /** The plain-text body alone, for previews. */
    public String renderText(MailView view) {
        return Templates.reportText(view).render();
    }

    /** The configured subject with {type}, {team} and {period} filled in, safe for a header. */
    public String subject(DeliveryRequest d) {
        DateTimeFormatter iso = DateTimeFormatter.ISO_LOCAL_DATE;
        String period = d.firstDay().equals(d.lastDay())
                ? iso.format(d.firstDay())
                : iso.format(d.firstDay()) + " – " + iso.format(d.lastDay());
        String subject = config.subject()
                .replace("{type}", MailView.title(d))
                .replace("{team}", d.teamLabel())
                .replace("{period}", period);
        return headerSafe(subject, MAX_SUBJECT);
    }

    /** Drops control characters (CR, LF, NUL…) and Unicode line separators; folds runs of spaces; caps length. */
    public static String headerSafe(String value, int max) {
        String safe = value.replaceAll("[\\p{Cntrl}\\u0085\\u2028\\u2029]+", " ")
                .replaceAll("\\s+", " ")
                .strip();
        return safe.length() > max ? safe.substring(0, max - 1) + "…" : safe;
    }

    private static List<String> checkedRecipients(List<String> recipients) {
        Optional<String> problem = Recipients.listProblem(recipients);
        if (problem.isPresent()) {
            throw new DeliveryFailure("recipients: " + problem.get(), true);
        }
        return Recipients.distinct(recipients);
    }

    private Optional<String> replyTo() {
        return config.replyTo()
                .map(String::strip)
                .filter(r -> Recipients.problem(r).isEmpty());
    }
}
