package dev.gatewayreports.scheduling.support;

import dev.gatewayreports.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Every test of this module runs against real PostgreSQL, a real SMTP server (GreenMail, in the test JVM) and a
 * WireMock that publishes the OIDC signing keys (tests add the token endpoint and, where they are about dispatch
 * only, report-api to it), and a random installation key for sealed secrets.
 */
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SecretsKeyResource.class, scope = TestResourceScope.GLOBAL)
public final class TestResources {
    private TestResources() {}
}
