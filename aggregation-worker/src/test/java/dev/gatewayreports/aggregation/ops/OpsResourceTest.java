package dev.gatewayreports.aggregation.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatewayreports.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.jwt.build.Jwt;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operations endpoints take role ops from the roles claim only, and only with the worker's audience. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
class OpsResourceTest {

    private static int rebuildAs(String token) {
        return given().header("Authorization", "Bearer " + token)
                .post(OpsTokens.REBUILD)
                .statusCode();
    }

    @Test
    void shouldRebuildForTheOpsRoleOfTheRolesClaim() {
        given().header(
                        "Authorization",
                        "Bearer "
                                + OpsTokens.base()
                                        .claim("roles", List.of("ops"))
                                        .sign())
                .post(OpsTokens.REBUILD)
                .then()
                .statusCode(200)
                .body("events", equalTo(0));
    }

    @Test
    void shouldIgnoreOpsOutsideTheRolesClaim() {
        // What quarkus-oidc maps by default: groups; else realm_access/roles and resource_access/<client>/roles.
        String groups = OpsTokens.base()
                .claim("roles", List.of("member"))
                .claim("groups", List.of("ops"))
                .sign();
        String realm = OpsTokens.base()
                .claim("realm_access", Map.of("roles", List.of("ops")))
                .claim("resource_access", Map.of("aggregation-worker", Map.of("roles", List.of("ops"))))
                .sign();
        assertEquals(403, rebuildAs(groups));
        assertEquals(403, rebuildAs(realm));
    }

    @Test
    void shouldRefuseTokensForAnotherAudienceOrNone() {
        String other = Jwt.subject("operator")
                .issuer("https://server.example.com")
                .audience("report-api")
                .claim("roles", List.of("ops"))
                .sign();
        String none = Jwt.subject("operator")
                .issuer("https://server.example.com")
                .claim("roles", List.of("ops"))
                .sign();
        assertEquals(401, rebuildAs(other));
        assertEquals(401, rebuildAs(none));
        // Refused before the resource runs, the 401 still carries the error shape and the challenge.
        given().header("Authorization", "Bearer " + other)
                .post(OpsTokens.REBUILD)
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("error.code", equalTo("unauthorized"));
    }

    @Test
    void shouldRequireAToken() {
        given().post(OpsTokens.REBUILD).then().statusCode(401);
    }
}
