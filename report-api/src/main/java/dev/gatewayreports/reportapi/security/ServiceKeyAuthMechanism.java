package dev.gatewayreports.reportapi.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * Reads a service key from {@code x-api-key}, {@code Authorization: Bearer sk-…} or HTTP Basic
 * ({@code api:<key>}, the user name ignored). Requests without one fall through to OIDC.
 */
@ApplicationScoped
public class ServiceKeyAuthMechanism implements HttpAuthenticationMechanism {
    static final String KEY_PREFIX = "sk-";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String secret = presentedKey(context);
        if (secret == null) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(new ServiceKeyCredential(secret));
    }

    static String presentedKey(RoutingContext context) {
        String apiKey = context.request().getHeader("x-api-key");
        if (apiKey != null && !apiKey.isBlank()) {
            return apiKey.trim();
        }
        String authorization = context.request().getHeader("Authorization");
        if (authorization == null) {
            return null;
        }
        if (isBearerKey(authorization)) {
            return authorization.substring(7).trim();
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return basicPassword(authorization.substring(6).trim());
        }
        return null;
    }

    /**
     * True for {@code Authorization: Bearer sk-…}: a service or admin key, which this mechanism authenticates. Any
     * other bearer token (an OIDC JWT) is left to the OIDC mechanism.
     */
    public static boolean isBearerKey(String authorization) {
        return authorization != null
                && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && authorization.substring(7).trim().startsWith(KEY_PREFIX);
    }

    private static String basicPassword(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            // A Basic credential that is not ours still has to fail: nothing else here reads Basic.
            return colon < 0 ? "" : decoded.substring(colon + 1);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ServiceKeyCredential.class);
    }

    @Override
    public int getPriority() {
        // Before the OIDC mechanism, which would otherwise try to verify an sk- key as a JWT.
        return DEFAULT_PRIORITY + 500;
    }
}
