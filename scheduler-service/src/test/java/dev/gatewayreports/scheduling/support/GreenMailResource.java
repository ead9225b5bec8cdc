package dev.gatewayreports.scheduling.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

/** A real SMTP server in the test JVM on a free port; tests stop and restart it to simulate an outage. */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {
    private static int port;
    private static GreenMail greenMail;

    @Override
    public Map<String, String> start() {
        port = freePort();
        startServer();
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", Integer.toString(port));
    }

    @Override
    public void stop() {
        stopServer();
    }

    /** The running server (restarted ones included). */
    public static synchronized GreenMail greenMail() {
        return greenMail;
    }

    /** An SMTP outage: nothing listens on the port any more. */
    public static synchronized void stopServer() {
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
        }
    }

    /** The server back on the same port, with an empty mailbox. */
    public static synchronized void startServer() {
        if (greenMail == null) {
            // GreenMail now and then waits for a command the client believes it has answered, until its client
            // socket timeout (30 s by default) closes the channel with 421 (seen about once in 30 sessions): 5 s
            // keeps such a stall short, and the mailer then sends once more on a new connection.
            greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            greenMail.getSmtp().setClientSocketTimeout(5_000);
            greenMail.start();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
