package dev.gatewayreports.scheduling.notify;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How alert notifications ({@code alert_notification}) are claimed, sent, retried and given up on. */
@ConfigMapping(prefix = "reports.notify")
public interface NotifyConfig {

    /** How often the sender runs ({@code 5s}); {@code off} disables the tick (tests drive dispatchDue). */
    @WithDefault("5s")
    String every();

    /**
     * Whether to LISTEN on channel {@code alert_notification} (payload: the notification id) and send at once
     * instead of at the next tick; it shares the scheduler's dedicated wake-up connection.
     */
    @WithDefault("true")
    boolean listen();

    /** How many notifications are claimed per transaction; a tick claims batches until fewer are due. */
    @WithDefault("20")
    int batchSize();

    /**
     * How long a claimed notification is ours; after that another replica may take it over. It is renewed right
     * before each send, so it must exceed one send: the webhook's connect plus read timeout, or an SMTP session.
     */
    @WithDefault("PT2M")
    Duration lease();

    /** The first retry's delay; each further retry doubles it, plus up to a quarter of random jitter. */
    @WithDefault("PT30S")
    Duration backoff();

    /** The longest delay between two attempts. */
    @WithDefault("PT1H")
    Duration maxBackoff();

    /** Attempts after which a notification that still fails is marked failed. */
    @WithDefault("8")
    int maxAttempts();

    /** How long after its first attempt a notification is still retried. */
    @WithDefault("P1D")
    Duration giveUpAfter();

    /** The webhook client. */
    Webhook webhook();

    /** Timeouts of one webhook request (redirects are never followed). */
    interface Webhook {
        /** Time to open the TCP (and TLS) connection. */
        @WithDefault("PT5S")
        Duration connectTimeout();

        /** Time to wait for the response once the request is sent. */
        @WithDefault("PT10S")
        Duration readTimeout();
    }
}
