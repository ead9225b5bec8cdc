package dev.gatewayreports.scheduling.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatewayreports.scheduling.support.SampleReport;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.ext.mail.SMTPException;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * What the mailer does with an SMTP server's answers that GreenMail cannot be made to give on demand: the mail
 * transport is replaced by one that answers a scripted reply code, and the rest (templates, headers) is real.
 */
@QuarkusTest
class ReportMailerResendTest {
    @Inject
    MailConfig config;

    @Test
    void shouldSendOnceMoreAtOnceWhenTheServerClosedTheChannelWith421() {
        ScriptedTransport transport = new ScriptedTransport(421);
        new ReportMailer(transport, config).send(request(), SampleReport.report(), null);
        assertEquals(2, transport.calls);
        assertEquals(1, transport.accepted.size());
    }

    @Test
    void shouldFailTheAttemptWhenTheServerAnswers421Twice() {
        ScriptedTransport transport = new ScriptedTransport(421, 421);
        assertThrows(
                DeliveryFailure.class,
                () -> new ReportMailer(transport, config).send(request(), SampleReport.report(), null));
        assertEquals(2, transport.calls);
        assertEquals(0, transport.accepted.size());
    }

    @Test
    void shouldNotResendOnOtherRefusals() {
        ScriptedTransport transport = new ScriptedTransport(550);
        assertThrows(
                DeliveryFailure.class,
                () -> new ReportMailer(transport, config).send(request(), SampleReport.report(), null));
        assertEquals(1, transport.calls);
    }

    private static DeliveryRequest request() {
        return new DeliveryRequest(
                "dlv_0123456789abcdef01234567",
                "org_resend",
                "team_resend",
                "Resend team",
                "usage",
                "daily",
                ZoneId.of("Europe/Berlin"),
                Instant.parse("2026-11-22T23:00:00Z"),
                Instant.parse("2026-11-23T23:00:00Z"),
                "none",
                null,
                List.of("team@example.com"));
    }

    /** Fails the first sends with the given SMTP reply codes (as Vert.x reports them), then accepts. */
    private static final class ScriptedTransport implements Mailer {
        private final int[] failures;
        private final List<Mail> accepted = new ArrayList<>();
        private int calls;

        ScriptedTransport(int... failures) {
            this.failures = failures;
        }

        @Override
        public void send(Mail... mails) {
            calls++;
            if (calls <= failures.length) {
                int code = failures[calls - 1];
                throw new CompletionException(
                        new SMTPException(code + " scripted reply", code, List.of("scripted reply"), false));
            }
            accepted.addAll(List.of(mails));
        }
    }
}
