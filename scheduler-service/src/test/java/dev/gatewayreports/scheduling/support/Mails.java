package dev.gatewayreports.scheduling.support;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** What GreenMail received, taken apart: recipients, subject, the text and HTML parts and the attachment. */
public final class Mails {
    private Mails() {}

    /** Messages GreenMail delivered to this address's mailbox. */
    public static List<MimeMessage> to(String address) {
        GreenMail greenMail = GreenMailResource.greenMail();
        GreenMailUser user = greenMail.getUserManager().getUserByEmail(address);
        if (user == null) {
            return List.of();
        }
        try {
            MailFolder inbox = greenMail.getManagers().getImapHostManager().getInbox(user);
            List<MimeMessage> found = new ArrayList<>();
            for (StoredMessage m : inbox.getMessages()) {
                found.add(m.getMimeMessage());
            }
            return found;
        } catch (FolderException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The parts of a received message. */
    public record Parsed(String text, String html, String attachmentName, String attachmentType, byte[] attachment) {}

    public static Parsed parse(Message message) {
        try {
            Parsed[] result = {new Parsed(null, null, null, null, null)};
            walk(message, result);
            return result[0];
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void walk(Part part, Parsed[] into) throws MessagingException, IOException {
        Parsed p = into[0];
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                walk(child, into);
            }
        } else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null) {
            try (InputStream in = part.getInputStream()) {
                into[0] = new Parsed(p.text(), p.html(), part.getFileName(), part.getContentType(), in.readAllBytes());
            }
        } else if (part.isMimeType("text/plain")) {
            into[0] = new Parsed(
                    (String) part.getContent(), p.html(), p.attachmentName(), p.attachmentType(), p.attachment());
        } else if (part.isMimeType("text/html")) {
            into[0] = new Parsed(
                    p.text(), (String) part.getContent(), p.attachmentName(), p.attachmentType(), p.attachment());
        }
    }
}
