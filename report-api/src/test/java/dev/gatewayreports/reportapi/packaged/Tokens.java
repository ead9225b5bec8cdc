package dev.gatewayreports.reportapi.packaged;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Real signed tokens (the test provider's key, which the packaged service verifies through the provider's JWKS)
 * and credentials minted through the packaged service's own API. No CDI here: the service runs in another process.
 */
final class Tokens {
    private Tokens() {}

    static String newId(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** "Bearer …" for a user of the organization with these teams and roles. */
    static String user(String org, List<String> teams, String... roles) {
        return "Bearer "
                + Jwt.subject("user-" + UUID.randomUUID())
                        .issuer("https://server.example.com")
                        .audience("report-api")
                        .claim("azp", "gateway-console")
                        .claim("org_id", org)
                        .claim("email", "someone@" + org + ".example")
                        .claim("teams", teams)
                        .claim("roles", List.of(roles))
                        .sign();
    }

    static String orgAdmin(String org) {
        return user(org, List.of(), "org_admin");
    }

    /** Mints a service key of the organization through {@code POST /v1/admin/service-keys}; answers its secret. */
    static String serviceKey(String org, String... scopes) {
        return given().header("Authorization", orgAdmin(org))
                .contentType(ContentType.JSON)
                .body(Map.of("name", "packaged-it", "scopes", List.of(scopes)))
                .post("/v1/admin/service-keys")
                .then()
                .statusCode(201)
                .extract()
                .path("key");
    }

    /** A request of the admin usage and cost API with this admin-scope key. */
    static RequestSpecification admin(String key) {
        return given().header("x-api-key", key).header("anthropic-version", "2023-06-01");
    }
}
