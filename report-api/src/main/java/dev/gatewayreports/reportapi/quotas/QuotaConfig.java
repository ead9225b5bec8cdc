package dev.gatewayreports.reportapi.quotas;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Quotas of report-api; their state lives in PostgreSQL, so every replica counts the same. */
@ConfigMapping(prefix = "reports.quotas")
public interface QuotaConfig {
    /** Ad-hoc sends ({@code POST /v1/reports/send}) one user may make per {@code send-window}; 0: no limit. */
    @WithDefault("20")
    int sendsPerUser();

    /** Ad-hoc sends one organization (all its users together) may make per {@code send-window}; 0: no limit. */
    @WithDefault("200")
    int sendsPerOrganization();

    /** The sliding window the send quotas count over. */
    @WithDefault("PT1H")
    Duration sendWindow();

    /** Ingest rate limits per credential (service key, or token subject); off unless one is set. */
    Ingest ingest();

    /** Ingest rate limits. */
    interface Ingest {
        /** Ingest requests one credential may make per {@code window}; 0: no limit. */
        @WithDefault("0")
        long requestsPerKey();

        /** Events (valid or not) one credential may send per {@code window}; 0: no limit. */
        @WithDefault("0")
        long eventsPerKey();

        /** The fixed window the ingest limits count over (aligned to the epoch). */
        @WithDefault("PT1M")
        Duration window();
    }
}
