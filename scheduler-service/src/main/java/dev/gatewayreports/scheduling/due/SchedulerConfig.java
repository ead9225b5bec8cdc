package dev.gatewayreports.scheduling.due;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How the scheduler finds, claims and retries due deliveries, and how it reaches report-api. */
@ConfigMapping(prefix = "reports.scheduler")
public interface SchedulerConfig {

    /** How often the tick runs ({@code 30s}, {@code 1m}); {@code off} disables it (tests drive dispatchDue). */
    @WithDefault("30s")
    String every();

    /**
     * Whether to LISTEN for report-api's notifications of ad-hoc sends and dispatch at once (a dedicated database
     * connection); without it a send waits for the next tick.
     */
    @WithDefault("true")
    boolean listen();

    /** How many schedules are materialised, and deliveries claimed, per transaction. */
    @WithDefault("20")
    int batchSize();

    /** How long a claimed delivery is ours; after that another replica may take it over. */
    @WithDefault("PT5M")
    Duration lease();

    /** The first retry's delay; each further retry doubles it. */
    @WithDefault("PT1M")
    Duration backoff();

    /** The longest delay between two attempts (so a mail goes out at most this long after SMTP is back). */
    @WithDefault("PT15M")
    Duration maxBackoff();

    /**
     * How long after its first attempt a delivery is still retried: an attempt that fails once this has passed
     * marks it failed. Permanent failures (the team is gone) fail at once.
     */
    @WithDefault("P1D")
    Duration giveUpAfter();

    /** report-api, which produces the reports. */
    ReportApi reportApi();

    /** Where and as whom the scheduler calls report-api. */
    interface ReportApi {
        /** report-api's base URL, e.g. {@code http://report-api}. */
        @WithDefault("http://localhost:8080")
        String url();

        /** A static bearer token with role {@code report_service} (local runs); when set, no OIDC call is made. */
        Optional<String> token();

        /** The OIDC token endpoint for the client-credentials grant. */
        Optional<String> tokenUrl();

        /** The OIDC client id of this service. */
        Optional<String> clientId();

        /** The OIDC client secret of this service (from a Secret, never the repository). */
        Optional<String> clientSecret();

        /** The scope asked for with the client-credentials grant, if the provider needs one. */
        Optional<String> scope();

        /** The timeout of one call to report-api or the token endpoint. */
        @WithDefault("PT60S")
        Duration timeout();
    }
}
