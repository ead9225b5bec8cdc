package dev.gatewayreports.aggregation.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the worker reads roles from an access token: the same key and meaning as in report-api. */
@ConfigMapping(prefix = "reports.auth")
public interface AuthConfig {
    /** Claim paths of the OIDC access token. */
    Claims claims();

    interface Claims {
        /**
         * Path of the claim holding the caller's roles ({@code ops} for the operations endpoints; a JSON array, or a
         * space- or comma-separated string), e.g. {@code realm_access/roles}: the only source of roles.
         */
        @WithDefault("roles")
        String roles();
    }
}
