package dev.gatewayreports.reportapi.security;

import dev.gatewayreports.model.auth.ClaimPath;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Builds the identity of a verified OIDC token from its claims (paths from {@link AuthConfig}) into a {@link Caller}.
 * Its roles are exactly those of the configured roles claim plus the ones they imply (org_admin ⊃ team_admin ⊃
 * member): the identity is built anew, so nothing quarkus-oidc mapped (from {@code groups}, {@code
 * realm_access/roles}, {@code resource_access}, scopes) survives. Role {@code report_service} reaches the identity
 * only from a client {@link ActingRequests} accepts.
 */
@ApplicationScoped
public class TokenClaimsAugmentor implements SecurityIdentityAugmentor {
    /** Claims naming the client a token was issued to, in order: OIDC, RFC 9068 / RFC 8693, Entra ID v1. */
    static final List<ClaimPath> CLIENT_CLAIMS =
            Stream.of("azp", "client_id", "appid").map(ClaimPath::parse).toList();

    /** OIDC's standard claim of the user's time zone (a schedule without {@code timezone} takes it). */
    private static final ClaimPath ZONEINFO = ClaimPath.parse("zoneinfo");

    private final ClaimPath email;
    private final ClaimPath organization;
    private final ClaimPath teams;
    private final ClaimPath roles;
    private final ActingRequests acting;

    public TokenClaimsAugmentor(AuthConfig config, ActingRequests acting) {
        this.email = path("reports.auth.claims.email", config.claims().email());
        this.organization =
                path("reports.auth.claims.organization", config.claims().organization());
        this.teams = path("reports.auth.claims.teams", config.claims().teams());
        this.roles = path("reports.auth.claims.roles", config.claims().roles());
        this.acting = acting;
    }

    private static ClaimPath path(String key, String value) {
        try {
            return ClaimPath.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int priority() {
        // Last, so that no other augmentor adds a role after the identity is rebuilt from the one claim.
        return Integer.MIN_VALUE;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()
                || !(identity.getPrincipal() instanceof JsonWebToken token)
                || identity.getAttribute(Caller.ATTRIBUTE) != null) {
            return Uni.createFrom().item(identity);
        }
        Function<String, Object> claims = token::getClaim;
        Set<String> granted = impliedRoles(roles.strings(claims));
        String client = clientOf(claims);
        Caller caller = new Caller(
                Caller.Kind.USER,
                token.getSubject(),
                email.string(claims),
                organization.string(claims),
                Set.copyOf(teams.strings(claims)),
                Set.copyOf(granted),
                null,
                client,
                ZONEINFO.string(claims));
        Set<String> identityRoles = new LinkedHashSet<>(granted);
        if (!acting.mayAct(client)) {
            identityRoles.remove(Roles.REPORT_SERVICE);
        }
        return Uni.createFrom()
                .item(QuarkusSecurityIdentity.builder()
                        .setPrincipal(identity.getPrincipal())
                        .addCredentials(identity.getCredentials())
                        .addAttributes(identity.getAttributes())
                        .addRoles(identityRoles)
                        .addAttribute(Caller.ATTRIBUTE, caller)
                        .build());
    }

    static String clientOf(Function<String, Object> claims) {
        for (ClaimPath claim : CLIENT_CLAIMS) {
            String value = claim.string(claims);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    static Set<String> impliedRoles(Set<String> granted) {
        Set<String> roles = new LinkedHashSet<>(granted);
        if (roles.contains(Roles.ORG_ADMIN)) {
            roles.add(Roles.TEAM_ADMIN);
        }
        if (roles.contains(Roles.TEAM_ADMIN)) {
            roles.add(Roles.MEMBER);
        }
        // Service-key roles can never come from a token.
        roles.remove(Roles.STATS_KEY);
        roles.remove(Roles.ADMIN_KEY);
        return roles;
    }
}
