package dev.gatewayreports.aggregation.packaged;

import dev.gatewayreports.testing.ServiceProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * What the packaged worker needs beyond the database and the OIDC provider's keys, passed as a deployment passes
 * it (the launched artifact runs the {@code prod} profile, the one that ships): the provider's URL, migrations at
 * start (production leaves them to report-api or a job; these tests bring their own schema), and a free management
 * port, so the suite runs beside a local stack and beside other builds.
 */
public class PackagedSettings implements QuarkusTestResourceLifecycleManager {
    private static volatile int managementPort;

    @Override
    public Map<String, String> start() {
        managementPort = ServiceProcess.freePort();
        return Map.of(
                // ${keycloak.url} comes from OidcWiremockTestResource, passed to the same process.
                "OIDC_AUTH_SERVER_URL", "${keycloak.url}/realms/quarkus",
                "quarkus.flyway.migrate-at-start", "true",
                "quarkus.management.port", Integer.toString(managementPort));
    }

    @Override
    public void stop() {}

    /** The management interface (health, metrics) of the launched worker. */
    static String managementUrl() {
        return "http://localhost:" + managementPort;
    }
}
