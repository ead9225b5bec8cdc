package dev.gatewayreports.reportapi.packaged;

import dev.gatewayreports.testing.ServiceProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * What the packaged report-api needs beyond the database and the OIDC provider's keys, passed as the production
 * deployment passes it (the launched artifact runs the {@code prod} profile, the one that ships): the provider's
 * URL, the cursor-signing secret that production requires, migrations at start, and a free management port, so these tests run beside
 * a local stack and beside other builds.
 */
public class PackagedSettings implements QuarkusTestResourceLifecycleManager {
    private static volatile int managementPort;

    @Override
    public Map<String, String> start() {
        managementPort = ServiceProcess.freePort();
        return Map.of(
                // ${keycloak.url} comes from OidcWiremockTestResource, passed to the same process.
                "OIDC_AUTH_SERVER_URL", "${keycloak.url}/realms/quarkus",
                "reports.admin.cursor-secret", "packaged-it-cursor-secret-0123456789abcdef",
                "quarkus.management.port", Integer.toString(managementPort),
                // The schema: these tests bring their own, whether or not production migrates at start.
                "quarkus.flyway.migrate-at-start", "true");
    }

    @Override
    public void stop() {}

    /** The management interface (health, metrics, OpenAPI) of the launched service. */
    static String managementUrl() {
        return "http://localhost:" + managementPort;
    }
}
