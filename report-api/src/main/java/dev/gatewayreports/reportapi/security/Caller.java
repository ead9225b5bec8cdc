package dev.gatewayreports.reportapi.security;

import java.util.Set;

/**
 * Who is calling, as resolved from an OIDC token or a service key.
 *
 * @param keyId the service key's id, null for a user
 * @param teams the teams a user token names; empty for service keys (organization-wide by scope)
 * @param roles for a token, exactly the roles of its configured roles claim and those they imply; for a key, its
 *     scopes' roles
 * @param clientId the client a token was issued to ({@code azp}, else {@code client_id}, else {@code appid}); null
 *     for a service key or a token that names none
 * @param zoneinfo the token's {@code zoneinfo} claim (OIDC: the user's IANA time zone) as given, or null
 */
public record Caller(
        Kind kind,
        String subject,
        String email,
        String orgId,
        Set<String> teams,
        Set<String> roles,
        String keyId,
        String clientId,
        String zoneinfo) {

    /** A caller whose credential names no time zone. */
    public Caller(
            Kind kind,
            String subject,
            String email,
            String orgId,
            Set<String> teams,
            Set<String> roles,
            String keyId,
            String clientId) {
        this(kind, subject, email, orgId, teams, roles, keyId, clientId, null);
    }

    /** The kind of credential. */
    public enum Kind {
        USER,
        SERVICE_KEY
    }

    /** The security-identity attribute under which the caller is kept. */
    public static final String ATTRIBUTE = "gateway-reports.caller";

    public boolean has(String role) {
        return roles.contains(role);
    }

    /** True when the caller acts for the whole organization rather than for named teams. */
    public boolean organizationWide() {
        return kind == Kind.SERVICE_KEY || has(Roles.ORG_ADMIN) || has(Roles.REPORT_SERVICE);
    }
}
