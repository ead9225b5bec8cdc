package dev.gatewayreports.reportapi.support;

import dev.gatewayreports.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Every test of this module runs against real PostgreSQL and a real OIDC key set (WireMock serves its JWKS), with a
 * random secrets key per run.
 */
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SecretsKey.class, scope = TestResourceScope.GLOBAL)
public final class TestResources {
    private TestResources() {}
}
