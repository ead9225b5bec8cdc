package dev.gatewayreports.deploy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A local SMTP sink with an IMAP mailbox: every message sent to the SMTP port, whatever its recipients, lands
 * in the INBOX of the one user {@code demo} (password {@code demo}).
 */
final class LocalMail implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    static final String USER = "demo";
    static final String PASSWORD = "demo";

    private final GreenMail greenMail;
    private final int smtpPort;
    private final int imapPort;

    private LocalMail(GreenMail greenMail, int smtpPort, int imapPort) {
        this.greenMail = greenMail;
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
    }

    static LocalMail start(int smtpPort, int imapPort) {
        ServerSetup smtp = new ServerSetup(smtpPort, HOST, ServerSetup.PROTOCOL_SMTP);
        ServerSetup imap = new ServerSetup(imapPort, HOST, ServerSetup.PROTOCOL_IMAP);
        GreenMail greenMail = new GreenMail(new ServerSetup[] {smtp, imap})
                .withConfiguration(GreenMailConfiguration.aConfig().withUser(USER + "@localhost", USER, PASSWORD));
        greenMail.start();
        GreenMailUser demo = greenMail.getUserManager().getUser(USER);
        greenMail.getUserManager().setMessageDeliveryHandler((message, recipient) -> demo);
        return new LocalMail(greenMail, smtp.getPort(), imap.getPort());
    }

    int smtpPort() {
        return smtpPort;
    }

    int imapPort() {
        return imapPort;
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
