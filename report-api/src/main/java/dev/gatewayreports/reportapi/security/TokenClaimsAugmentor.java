package dev.gatewayreports.reportapi.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Reads organization, teams, roles and e-mail from a verified OIDC token (claim names from {@link AuthConfig})
 * into a {@link Caller}, and grants the roles they imply: org_admin ⊃ team_admin ⊃ member.
 */
@ApplicationScoped
public class TokenClaimsAugmentor implements SecurityIdentityAugmentor {
    private final AuthConfig config;

    public TokenClaimsAugmentor(AuthConfig config) {
        this.config = config;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()
                || !(identity.getPrincipal() instanceof JsonWebToken token)
                || identity.getAttribute(Caller.ATTRIBUTE) != null) {
            return Uni.createFrom().item(identity);
        }
        AuthConfig.Claims claims = config.claims();
        Set<String> roles = impliedRoles(strings(token.getClaim(claims.roles())));
        Caller caller = new Caller(
                Caller.Kind.USER,
                token.getSubject(),
                string(token.getClaim(claims.email())),
                string(token.getClaim(claims.organization())),
                Set.copyOf(strings(token.getClaim(claims.teams()))),
                Set.copyOf(roles),
                null);
        return Uni.createFrom()
                .item(QuarkusSecurityIdentity.builder(identity)
                        .addRoles(roles)
                        .addAttribute(Caller.ATTRIBUTE, caller)
                        .build());
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

    static Set<String> strings(Object claim) {
        Set<String> values = new LinkedHashSet<>();
        if (claim instanceof JsonArray array) {
            for (JsonValue v : array) {
                if (v instanceof JsonString s) {
                    values.add(s.getString());
                }
            }
        } else if (claim instanceof Collection<?> collection) {
            collection.forEach(v -> values.add(String.valueOf(v)));
        } else if (claim != null) {
            String text = claim instanceof JsonString s ? s.getString() : claim.toString();
            Arrays.stream(text.split("[\\s,]+")).filter(s -> !s.isEmpty()).forEach(values::add);
        }
        return values;
    }

    static String string(Object claim) {
        if (claim instanceof JsonString s) {
            return s.getString();
        }
        return claim == null ? null : claim.toString();
    }
}
