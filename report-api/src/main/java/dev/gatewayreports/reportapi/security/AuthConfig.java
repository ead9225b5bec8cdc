package dev.gatewayreports.reportapi.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/**
 * How user tokens are read: where the claims that say who the caller is sit, and which clients may act for any
 * organization. Claim paths are {@link dev.gatewayreports.model.auth.ClaimPath}s: {@code /}-separated segments
 * into nested objects, a double-quoted segment taken literally (Keycloak {@code realm_access/roles}, Auth0
 * {@code "https://gateway.example/roles"}).
 */
@ConfigMapping(prefix = "reports.auth")
public interface AuthConfig {
    /** Claim paths of the OIDC access token. */
    Claims claims();

    /**
     * Client ids whose tokens may use role {@code report_service} (act for the organization named in {@code
     * X-Acting-Organization}), matched against the token's {@code azp}, else {@code client_id}, else {@code appid}.
     * The role from any other client is refused with 403.
     */
    @WithDefault("scheduler-service")
    List<String> reportServiceClients();

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

        /**
         * The caller's roles (member, team_admin, org_admin, ingest, report_service; a JSON array, or a space- or
         * comma-separated string): the only source of roles, nothing else in the token grants one.
         */
        @WithDefault("roles")
        String roles();
    }
}
