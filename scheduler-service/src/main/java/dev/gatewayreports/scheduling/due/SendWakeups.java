package dev.gatewayreports.scheduling.due;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Send now sends now: report-api notifies channel {@code report_delivery} in the transaction that records an ad-hoc
 * send, and this LISTENs on a dedicated connection (not one of the pool's) and dispatches at once instead of at the
 * next tick. With several replicas every one wakes; the claim leases decide which sends. A lost connection is
 * reopened with backoff; a notification missed meanwhile is sent by the regular tick. {@code
 * reports.scheduler.listen=false} turns it off.
 */
@ApplicationScoped
public class SendWakeups {
    /** report-api's {@code DeliveryRepository.CHANNEL}. */
    static final String CHANNEL = "report_delivery";

    private static final Logger LOG = Logger.getLogger(SendWakeups.class);
    private static final int POLL_MILLIS = 10_000;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final Dispatcher dispatcher;
    private final Clock clock;
    private final SchedulerConfig config;
    private final String url;
    private final Optional<String> username;
    private final Optional<String> password;
    private volatile boolean running;
    private volatile boolean listening;
    private Thread thread;

    public SendWakeups(
            Dispatcher dispatcher,
            Clock clock,
            SchedulerConfig config,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.config = config;
        this.url = url;
        this.username = username;
        this.password = password;
    }

    void start(@Observes StartupEvent event) {
        if (!config.listen()) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().daemon().name("send-wakeups").start(this::listen);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** True while the LISTEN connection is open (tests wait for it). */
    public boolean listening() {
        return listening;
    }

    private void listen() {
        Duration backoff = Duration.ofSeconds(1);
        while (running) {
            try (Connection connection = connect()) {
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                listening = true;
                backoff = Duration.ofSeconds(1);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        dispatch(notifications.length);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (!running) {
                    return;
                }
                LOG.warnf("listening for sends failed, again in %s: %s", backoff, e.getMessage());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
        listening = false;
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        username.ifPresent(u -> properties.setProperty("user", u));
        password.ifPresent(p -> properties.setProperty("password", p));
        properties.setProperty("ApplicationName", "scheduler-service send-wakeups");
        properties.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(url, properties);
    }

    /** One dispatch for however many sends were notified together (one dispatch sends every due delivery). */
    private void dispatch(int notified) {
        ManagedContext request = Arc.container().requestContext();
        request.activate();
        try {
            DispatchResult result = dispatcher.dispatchDue(clock.instant());
            LOG.infof(
                    "woken by %d send(s): %d sent, %d to retry, %d failed",
                    notified, result.sent(), result.retried(), result.failed());
        } catch (RuntimeException e) {
            LOG.warnf("dispatch on a send failed (the tick tries again): %s", e.getMessage());
        } finally {
            request.terminate();
        }
    }
}
