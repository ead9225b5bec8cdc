package dev.gatewayreports.reportapi.platform;

import static dev.gatewayreports.reportapi.support.Events.event;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.reportapi.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthenticationTest {
    private static int ingestWith(String header, String value) {
        return given().header(header, value)
                .contentType(ContentType.JSON)
                .body(List.of(event(Tenants.newTeam()).build()))
                .post("/v1/usage/events")
                .statusCode();
    }

    @Test
    void shouldAcceptAnIngestKeyInEveryDocumentedForm() {
        String key = Tenants.serviceKey(Tenants.newOrg(), "ingest");
        String basic = Base64.getEncoder().encodeToString(("api:" + key).getBytes(StandardCharsets.UTF_8));
        assertEquals(200, ingestWith("Authorization", "Bearer " + key));
        assertEquals(200, ingestWith("x-api-key", key));
        assertEquals(200, ingestWith("Authorization", "Basic " + basic));
    }

    @Test
    void shouldAcceptAnOidcTokenWithTheIngestRole() {
        String org = Tenants.newOrg();
        assertEquals(200, ingestWith("Authorization", Tokens.bearer(Tokens.user(org, List.of(), "ingest"))));
    }

    @Test
    void shouldRefuseUnknownKeysForgedTokensAndWrongScopes() {
        String org = Tenants.newOrg();
        assertEquals(401, ingestWith("x-api-key", "sk-svc-unknown"));
        assertEquals(401, ingestWith("Authorization", "Bearer sk-svc-unknown"));
        String token = Tokens.user(org, List.of(), "ingest");
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        assertEquals(401, ingestWith("Authorization", "Bearer " + forged));
        assertEquals(403, ingestWith("x-api-key", Tenants.serviceKey(org, "stats")));
        assertEquals(403, ingestWith("x-api-key", Tenants.serviceKey(org, "admin")));
    }

    @Test
    void shouldRefuseATokenWithoutOrganization() {
        given().header("Authorization", Tokens.bearer(Tokens.user(null, List.of(), "org_admin")))
                .get("/v1/admin/teams")
                .then()
                .statusCode(403)
                .body("error.code", equalTo("forbidden"));
    }
}
