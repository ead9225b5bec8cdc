package dev.gatewayreports.model.tenancy;

import java.util.Locale;

/** What a service key may do. */
public enum ServiceKeyScope {
    /** Write usage events. */
    INGEST,
    /** Read {@code POST /calls/stats} with HTTP Basic. */
    STATS,
    /** Read the admin usage and cost API, organization-wide. */
    ADMIN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
