package dev.gatewayreports.aggregation.security;

import dev.gatewayreports.model.auth.ClaimPath;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Rebuilds the identity of a verified token with exactly the roles of the configured roles claim
 * ({@code reports.auth.claims.roles}), so nothing quarkus-oidc mapped ({@code groups}, {@code realm_access/roles},
 * …) grants a role. The roles are also kept as the attribute {@link #ROLES}, which {@link #require} checks.
 */
@ApplicationScoped
public class TokenRolesAugmentor implements SecurityIdentityAugmentor {
    /** The identity attribute holding the roles read from the one claim. */
    public static final String ROLES = "gateway-reports.token-roles";

    private final ClaimPath roles;

    public TokenRolesAugmentor(AuthConfig config) {
        try {
            this.roles = ClaimPath.parse(config.claims().roles());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("reports.auth.claims.roles: " + e.getMessage(), e);
        }
    }

    @Override
    public int priority() {
        // Last, so that no other augmentor adds a role after the identity is rebuilt from the one claim.
        return Integer.MIN_VALUE;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        Set<String> granted = Set.copyOf(roles.strings(token::getClaim));
        return Uni.createFrom()
                .item(QuarkusSecurityIdentity.builder()
                        .setPrincipal(identity.getPrincipal())
                        .addCredentials(identity.getCredentials())
                        .addAttributes(identity.getAttributes())
                        .addRoles(granted)
                        .addAttribute(ROLES, granted)
                        .build());
    }

    /**
     * Checks, apart from {@code @RolesAllowed}, that the caller's token carries {@code role} in its roles claim.
     *
     * @throws io.quarkus.security.ForbiddenException (403) when it does not
     */
    public static void require(SecurityIdentity identity, String role) {
        Set<String> granted = identity.getAttribute(ROLES);
        if (granted == null || !granted.contains(role)) {
            throw new io.quarkus.security.ForbiddenException("role " + role + " required");
        }
    }
}
