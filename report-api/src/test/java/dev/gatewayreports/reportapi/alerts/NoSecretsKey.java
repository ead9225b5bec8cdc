package dev.gatewayreports.reportapi.alerts;

import dev.gatewayreports.testing.PostgresTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.util.List;

/**
 * An installation without {@code reports.secrets.key}: webhooks cannot be signed, so none may be set. The global
 * resources (which include the run's random key) are replaced by the same ones without it.
 */
public class NoSecretsKey implements QuarkusTestProfile {
    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(
                new TestResourceEntry(PostgresTestResource.class),
                new TestResourceEntry(OidcWiremockTestResource.class));
    }
}
