package dev.gatewayreports.reportapi.security;

/** Role names of the security identity, for {@code @RolesAllowed}. */
public final class Roles {
    /** Reads its teams' reports. */
    public static final String MEMBER = "member";
    /** Also changes schedules and deletes reports of its teams. */
    public static final String TEAM_ADMIN = "team_admin";
    /** Every team of its organization, org-wide reports, service keys and teams. */
    public static final String ORG_ADMIN = "org_admin";
    /** Writes usage events: an OIDC role, or a service key with scope {@code ingest}. */
    public static final String INGEST = "ingest";
    /** A service key with scope {@code stats}: {@code POST /calls/stats}. */
    public static final String STATS_KEY = "stats_key";
    /** A service key with scope {@code admin}: the admin usage and cost API. */
    public static final String ADMIN_KEY = "admin_key";

    /**
     * A service (the scheduler) that produces reports for any organization: an OIDC client-credentials token with
     * this role names the organization it acts for in the {@code X-Acting-Organization} header.
     */
    public static final String REPORT_SERVICE = "report_service";

    private Roles() {}
}
