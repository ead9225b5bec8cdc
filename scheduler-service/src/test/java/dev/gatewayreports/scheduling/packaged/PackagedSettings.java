package dev.gatewayreports.scheduling.packaged;

import dev.gatewayreports.testing.ServiceProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * What the packaged scheduler needs beyond the database and the SMTP server, passed as a deployment passes it
 * (the launched artifact runs the {@code prod} profile, the one that ships): report-api's URL and the client
 * credentials of its token endpoint (both on the test provider's WireMock, where the suite stubs report-api), a
 * one-second tick, migrations at start (production leaves them to report-api or a job; these tests bring their own
 * schema), and a free management port, so the suite runs beside a local stack and beside other builds.
 */
public class PackagedSettings implements QuarkusTestResourceLifecycleManager {
    private static volatile int managementPort;

    @Override
    public Map<String, String> start() {
        managementPort = ServiceProcess.freePort();
        // ${keycloak.url} comes from OidcWiremockTestResource, passed to the same process.
        return Map.of(
                "reports.scheduler.report-api.url", "${keycloak.url}/report-api",
                "reports.scheduler.report-api.token-url",
                        "${keycloak.url}/realms/quarkus/protocol/openid-connect/token",
                "reports.scheduler.report-api.client-id", "scheduler-service",
                "reports.scheduler.report-api.client-secret", "test-only-secret",
                "reports.scheduler.every", "1s",
                "quarkus.flyway.migrate-at-start", "true",
                "quarkus.management.port", Integer.toString(managementPort));
    }

    @Override
    public void stop() {}

    /** The management interface (health, metrics) of the launched scheduler. */
    static String managementUrl() {
        return "http://localhost:" + managementPort;
    }
}
