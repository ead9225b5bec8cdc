package dev.gatewayreports.scheduling.due;

import dev.gatewayreports.scheduling.notify.NotificationSender;
import dev.gatewayreports.scheduling.notify.NotifyConfig;
import dev.gatewayreports.scheduling.notify.NotifyResult;
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
 *
 * <p>The same connection LISTENs on {@code alert_notification} (payload: the notification id) when {@code
 * reports.notify.listen} is on: whoever inserts alert notifications may {@code pg_notify} there in its transaction,
 * and the alert sender runs at once instead of at its next tick.
 */
@ApplicationScoped
public class SendWakeups {
    /** report-api's {@code DeliveryRepository.CHANNEL}. */
    static final String CHANNEL = "report_delivery";

    /** Alert notifications to send ({@code alert_notification} rows). */
    public static final String ALERT_CHANNEL = "alert_notification";

    private static final Logger LOG = Logger.getLogger(SendWakeups.class);
    private static final int POLL_MILLIS = 10_000;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final Dispatcher dispatcher;
    private final NotificationSender alerts;
    private final Clock clock;
    private final SchedulerConfig config;
    private final NotifyConfig notifyConfig;
    private final String url;
    private final Optional<String> username;
    private final Optional<String> password;
    private volatile boolean running;
    private volatile boolean listening;
    private Thread thread;

    public SendWakeups(
            Dispatcher dispatcher,
            NotificationSender alerts,
            Clock clock,
            SchedulerConfig config,
            NotifyConfig notifyConfig,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.dispatcher = dispatcher;
        this.alerts = alerts;
        this.clock = clock;
        this.config = config;
        this.notifyConfig = notifyConfig;
        this.url = url;
        this.username = username;
        this.password = password;
    }

    void start(@Observes StartupEvent event) {
        if (!config.listen() && !notifyConfig.listen()) {
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
                    if (config.listen()) {
                        listen.execute("LISTEN " + CHANNEL);
                    }
                    if (notifyConfig.listen()) {
                        listen.execute("LISTEN " + ALERT_CHANNEL);
                    }
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                listening = true;
                backoff = Duration.ofSeconds(1);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        int reports = 0;
                        for (PGNotification n : notifications) {
                            reports += CHANNEL.equals(n.getName()) ? 1 : 0;
                        }
                        if (reports > 0) {
                            dispatch(reports);
                        }
                        if (reports < notifications.length) {
                            sendAlerts(notifications.length - reports);
                        }
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

    /** One run of the alert sender for however many notifications were announced together. */
    private void sendAlerts(int notified) {
        try {
            NotifyResult result = alerts.dispatchDue(clock.instant());
            LOG.infof(
                    "woken by %d alert notification(s): %d sent, %d to retry, %d failed",
                    notified, result.sent(), result.retried(), result.failed());
        } catch (RuntimeException e) {
            LOG.warnf("sending alert notifications failed (the tick tries again): %s", e.getMessage());
        }
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
