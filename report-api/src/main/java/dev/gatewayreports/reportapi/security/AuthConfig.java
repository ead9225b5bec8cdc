package dev.gatewayreports.reportapi.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How user tokens are read: the names of the claims that carry who the caller is. */
@ConfigMapping(prefix = "reports.auth")
public interface AuthConfig {
    /** Claim names of the OIDC access token. */
    Claims claims();

    interface Claims {
        /** The caller's e-mail address. */
        @WithDefault("email")
        String email();

        /** The caller's organization id. */
        @WithDefault("org_id")
        String organization();

        /** The team ids the caller belongs to (a JSON array, or a space- or comma-separated string). */
        @WithDefault("teams")
        String teams();

        /** The caller's roles: member, team_admin, org_admin, ingest. */
        @WithDefault("roles")
        String roles();
    }
}
