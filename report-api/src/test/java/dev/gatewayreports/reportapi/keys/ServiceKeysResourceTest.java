package dev.gatewayreports.reportapi.keys;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.reportapi.support.Tokens;
import dev.gatewayreports.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ServiceKeysResourceTest {
    private static ValidatableResponse mint(String token, Object body) {
        return given().header("Authorization", Tokens.bearer(token))
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/v1/admin/service-keys")
                .then();
    }

    @Test
    void shouldShowSecretOnceAndStoreOnlyItsHash() throws Exception {
        String org = Tenants.newOrg();
        String admin = Tokens.orgAdmin(org);
        String secret = mint(admin, Map.of("name", "gateway", "scopes", List.of("ingest", "stats")))
                .statusCode(201)
                .body("id", startsWith("key_"))
                .body("scopes", equalTo(List.of("ingest", "stats")))
                .extract()
                .path("key");
        assertEquals(true, secret.startsWith("sk-svc-"));
        given().header("Authorization", Tokens.bearer(admin))
                .get("/v1/admin/service-keys")
                .then()
                .statusCode(200)
                .body("", hasSize(1))
                .body("[0].key", nullValue())
                .body("[0].key_prefix", equalTo(secret.substring(0, 11)));
        Map<String, Object> row =
                Db.query("select * from service_key where org_id = ?", org).get(0);
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(expected, (byte[]) row.get("secret_hash"));
        assertEquals(
                0, Db.count("select count(*) from service_key where secret_hash::text like ?", "%" + secret + "%"));
    }

    @Test
    void shouldMintAdminKeysWithTheirOwnPrefix() {
        String org = Tenants.newOrg();
        mint(Tokens.orgAdmin(org), Map.of("name", "finance", "scopes", List.of("admin")))
                .statusCode(201)
                .body("key", startsWith("sk-admin-"));
        mint(Tokens.orgAdmin(org), Map.of("name", "mixed", "scopes", List.of("admin", "ingest")))
                .statusCode(400)
                .body("error.field", equalTo("scopes"));
    }

    @Test
    void shouldRejectBadInputNamingTheField() {
        String admin = Tokens.orgAdmin(Tenants.newOrg());
        mint(admin, Map.of("name", "x", "scopes", List.of("root")))
                .statusCode(400)
                .body("error.field", equalTo("scopes"));
        mint(admin, Map.of("scopes", List.of("ingest"))).statusCode(400).body("error.field", equalTo("name"));
        mint(admin, Map.of("name", "x", "scopes", "ingest")).statusCode(400).body("error.field", equalTo("scopes"));
        mint(admin, "{not json").statusCode(400).body("error.field", equalTo("body"));
    }

    @Test
    void shouldRevokeSoTheKeyStopsWorking() {
        String org = Tenants.newOrg();
        String admin = Tokens.orgAdmin(org);
        var created = mint(admin, Map.of("name", "gateway", "scopes", List.of("ingest")))
                .statusCode(201)
                .extract();
        String id = created.path("id");
        String secret = created.path("key");
        given().header("x-api-key", secret)
                .contentType(ContentType.JSON)
                .body(List.of())
                .post("/v1/usage/events")
                .then()
                .statusCode(200);
        given().header("Authorization", Tokens.bearer(admin))
                .delete("/v1/admin/service-keys/" + id)
                .then()
                .statusCode(204);
        given().header("x-api-key", secret)
                .contentType(ContentType.JSON)
                .body(List.of())
                .post("/v1/usage/events")
                .then()
                .statusCode(401);
        given().header("Authorization", Tokens.bearer(admin))
                .get("/v1/admin/service-keys")
                .then()
                .body("[0].revoked_at", not(nullValue()));
    }

    @Test
    void shouldHideOtherOrganizationsKeys() {
        String org = Tenants.newOrg();
        String id = mint(Tokens.orgAdmin(org), Map.of("name", "gateway", "scopes", List.of("ingest")))
                .extract()
                .path("id");
        String other = Tokens.orgAdmin(Tenants.newOrg());
        given().header("Authorization", Tokens.bearer(other))
                .delete("/v1/admin/service-keys/" + id)
                .then()
                .statusCode(404);
        given().header("Authorization", Tokens.bearer(other))
                .get("/v1/admin/service-keys")
                .then()
                .statusCode(200)
                .body("", hasSize(0));
        assertEquals(0, Db.count("select count(*) from service_key where key_id = ? and revoked_at is not null", id));
    }

    @Test
    void shouldAllowOnlyOrgAdmins() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        Map<String, Object> body = Map.of("name", "x", "scopes", List.of("ingest"));
        mint(Tokens.user(org, List.of(team), "member"), body).statusCode(403);
        mint(Tokens.user(org, List.of(team), "team_admin"), body).statusCode(403);
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/v1/admin/service-keys")
                .then()
                .statusCode(401);
        String ingestKey = Tenants.serviceKey(org, "ingest");
        given().header("x-api-key", ingestKey)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/admin/service-keys")
                .then()
                .statusCode(403);
        given().header("x-api-key", Tenants.serviceKey(org, "admin"))
                .get("/v1/admin/service-keys")
                .then()
                .statusCode(403);
    }
}
