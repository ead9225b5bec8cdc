package dev.gatewayreports.reportapi.support;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.util.List;
import java.util.UUID;

/**
 * Real signed access tokens, verified by quarkus-oidc against the test provider's keys. Every token carries the
 * audience report-api requires ({@link #AUDIENCE}); {@link #base()} starts one for tests about other claims.
 */
public final class Tokens {
    /** The audience report-api requires in tests: its client id. */
    public static final String AUDIENCE = "report-api";
    /** The client that may use role report_service (reports.auth.report-service-clients' default). */
    public static final String SCHEDULER_CLIENT = "scheduler-service";

    private Tokens() {}

    /** Subject, issuer and audience of the test provider, and nothing else: add claims and {@code sign()}. */
    public static JwtClaimsBuilder base() {
        return Jwt.subject("user-" + UUID.randomUUID())
                .issuer("https://server.example.com")
                .audience(AUDIENCE);
    }

    public static String user(String orgId, List<String> teams, String... roles) {
        return withEmail("someone@" + orgId + ".example", orgId, teams, roles);
    }

    /** A user token with this {@code email} claim, or none when it is null. */
    public static String withEmail(String email, String orgId, List<String> teams, String... roles) {
        return withSubject("user-" + UUID.randomUUID(), email, orgId, teams, roles);
    }

    /** A user token of this subject ({@code sub}), for tests where two tokens must be the same user. */
    public static String withSubject(String subject, String email, String orgId, List<String> teams, String... roles) {
        var jwt = base().subject(subject)
                .claim("azp", "gateway-console")
                .claim("teams", teams)
                .claim("roles", List.of(roles));
        if (email != null) {
            jwt = jwt.claim("email", email);
        }
        return orgId == null ? jwt.sign() : jwt.claim("org_id", orgId).sign();
    }

    /** The scheduler's client-credentials token: role report_service, client scheduler-service, no organization. */
    public static String reportService() {
        return Jwt.subject("service-account-" + SCHEDULER_CLIENT)
                .issuer("https://server.example.com")
                .audience(AUDIENCE)
                .claim("azp", SCHEDULER_CLIENT)
                .claim("roles", List.of("report_service"))
                .sign();
    }

    public static String orgAdmin(String orgId) {
        return user(orgId, List.of(), "org_admin");
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
