package dev.gatewayreports.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class LocalMailTest {

    @Test
    void shouldDeliverMailForAnyRecipientToTheDemoInbox() throws Exception {
        try (LocalMail mail = LocalMail.start(freePort(), freePort())) {
            send(mail.smtpPort(), "Weekly usage report", "cfo@customer.example", "ops@other.example");

            Properties properties = new Properties();
            Session session = Session.getInstance(properties);
            try (Store store = session.getStore("imap")) {
                store.connect(LocalMail.HOST, mail.imapPort(), LocalMail.USER, LocalMail.PASSWORD);
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                Message[] messages = inbox.getMessages();

                assertEquals(2, messages.length, "one copy per recipient");
                assertEquals("Weekly usage report", messages[0].getSubject());
                assertEquals(
                        "Tokens by team, attached.",
                        messages[0].getContent().toString().strip());
                inbox.close(false);
            }
        }
    }

    private static void send(int smtpPort, String subject, String... recipients) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", LocalMail.HOST);
        properties.put("mail.smtp.port", String.valueOf(smtpPort));
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("reports@gateway.example"));
        for (String recipient : recipients) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
        }
        message.setSubject(subject);
        message.setText("Tokens by team, attached.");
        Transport.send(message);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
