package dev.gatewayreports.aggregation.ops;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.util.UUID;

/** Real signed tokens for the worker, verified by quarkus-oidc against the test provider's keys. */
final class OpsTokens {
    /** The audience the worker requires in tests: its client id. */
    static final String AUDIENCE = "aggregation-worker";

    private OpsTokens() {}

    /** Subject, issuer and the worker's audience: add claims and {@code sign()}. */
    static JwtClaimsBuilder base() {
        return Jwt.subject("operator-" + UUID.randomUUID())
                .issuer("https://server.example.com")
                .audience(AUDIENCE);
    }

    /** A far-future day: rebuilding it touches no rollup another test reads. */
    static final String REBUILD = "/v1/ops/rollups/rebuild?from=2099-01-01T00:00:00Z&to=2099-01-02T00:00:00Z";
}
