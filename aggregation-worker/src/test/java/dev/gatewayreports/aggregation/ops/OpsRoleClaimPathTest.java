package dev.gatewayreports.aggregation.ops;

import static io.restassured.RestAssured.given;

import dev.gatewayreports.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With {@code reports.auth.claims.roles=realm_access/roles} (Keycloak realm roles) that claim is the only source. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
@TestProfile(OpsRoleClaimPathTest.RealmRoles.class)
class OpsRoleClaimPathTest {

    public static class RealmRoles implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("reports.auth.claims.roles", "realm_access/roles", "aggregation.enabled", "false");
        }
    }

    @Test
    void shouldReadRolesFromTheConfiguredNestedClaimOnly() {
        String realm = OpsTokens.base()
                .claim("realm_access", Map.of("roles", List.of("ops")))
                .sign();
        String topLevel = OpsTokens.base().claim("roles", List.of("ops")).sign();
        given().header("Authorization", "Bearer " + realm)
                .post(OpsTokens.REBUILD)
                .then()
                .statusCode(200);
        given().header("Authorization", "Bearer " + topLevel)
                .post(OpsTokens.REBUILD)
                .then()
                .statusCode(403);
    }
}
