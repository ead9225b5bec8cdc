package dev.gatewayreports.reportapi.ui;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The dashboard at {@code /ui}: how its pages sign a person in (README "Dashboard"). */
@ConfigMapping(prefix = "reports.ui")
public interface DashboardConfig {
    /** Sign-in through the service's OIDC provider ({@code quarkus.oidc.auth-server-url}). */
    Oidc oidc();

    interface Oidc {
        /**
         * The provider's public client the browser signs in with (authorization code flow with PKCE, no secret); its
         * redirect URI is {@code <public URL>/ui/callback} and its access tokens must carry report-api's audience.
         */
        @WithDefault("web-ui")
        String clientId();

        /** The scopes asked for at sign-in (space-separated; {@code openid} is needed for the nonce check). */
        @WithDefault("openid profile email")
        String scopes();
    }
}
