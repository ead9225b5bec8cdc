package dev.gatewayreports.reportapi.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.List;
import java.util.UUID;

/** Fresh organizations and keys per test, made through the public API, so tests never share data. */
public final class Tenants {
    private Tenants() {}

    public static String newOrg() {
        return "org_" + UUID.randomUUID().toString().substring(0, 12);
    }

    public static String newTeam() {
        return "team_" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** Mints a service key for the organization and answers its secret. */
    public static String serviceKey(String orgId, String... scopes) {
        return given().header("Authorization", Tokens.bearer(Tokens.orgAdmin(orgId)))
                .contentType(ContentType.JSON)
                .body(new KeyBody("test key", List.of(scopes)))
                .when()
                .post("/v1/admin/service-keys")
                .then()
                .statusCode(201)
                .extract()
                .path("key");
    }

    public record KeyBody(String name, List<String> scopes) {}
}
