package dev.gatewayreports.reportapi.support;

import io.smallrye.jwt.build.Jwt;
import java.util.List;
import java.util.UUID;

/** Real signed access tokens, verified by quarkus-oidc against the test provider's keys. */
public final class Tokens {
    private Tokens() {}

    public static String user(String orgId, List<String> teams, String... roles) {
        return withEmail("someone@" + orgId + ".example", orgId, teams, roles);
    }

    /** A user token with this {@code email} claim, or none when it is null (as for a client-credentials token). */
    public static String withEmail(String email, String orgId, List<String> teams, String... roles) {
        return withSubject("user-" + UUID.randomUUID(), email, orgId, teams, roles);
    }

    /** A user token of this subject ({@code sub}), for tests where two tokens must be the same user. */
    public static String withSubject(String subject, String email, String orgId, List<String> teams, String... roles) {
        var jwt = Jwt.subject(subject)
                .issuer("https://server.example.com")
                .claim("teams", teams)
                .claim("roles", List.of(roles));
        if (email != null) {
            jwt = jwt.claim("email", email);
        }
        return orgId == null ? jwt.sign() : jwt.claim("org_id", orgId).sign();
    }

    public static String orgAdmin(String orgId) {
        return user(orgId, List.of(), "org_admin");
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
