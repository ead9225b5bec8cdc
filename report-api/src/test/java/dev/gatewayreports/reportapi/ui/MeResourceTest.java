package dev.gatewayreports.reportapi.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.reportapi.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/me}: what the dashboard's team picker offers, read from the token as every other endpoint reads it. */
@QuarkusTest
class MeResourceTest {

    @Test
    void shouldRequireAToken() {
        given().get("/v1/me").then().statusCode(401);
        given().header("Authorization", "Bearer not-a-token")
                .get("/v1/me")
                .then()
                .statusCode(401);
    }

    @Test
    void shouldRefuseServiceKeysAndIngestOnlyTokens() {
        String org = Tenants.newOrg();
        given().header("x-api-key", Tenants.serviceKey(org, "ingest"))
                .get("/v1/me")
                .then()
                .statusCode(403);
        given().header("Authorization", Tokens.bearer(Tokens.user(org, List.of("t1"), "ingest")))
                .get("/v1/me")
                .then()
                .statusCode(403);
    }

    @Test
    void shouldAnswerAMembersOwnTeamsOnly() {
        String org = Tenants.newOrg();
        given().header(
                        "Authorization",
                        Tokens.bearer(Tokens.withEmail("ana@x.example", org, List.of("team_b", "team_a"), "member")))
                .get("/v1/me")
                .then()
                .statusCode(200)
                .body("org_id", equalTo(org))
                .body("email", equalTo("ana@x.example"))
                .body("teams", contains("team_a", "team_b"))
                .body("roles", contains("member"))
                .body("organization_wide", equalTo(false));
    }

    @Test
    void shouldAnswerEveryTeamOfTheOrganizationForAnOrgAdmin() {
        String org = Tenants.newOrg();
        String admin = Tokens.orgAdmin(org);
        for (String team : List.of("team_x", "team_y")) {
            given().header("Authorization", Tokens.bearer(admin))
                    .contentType(ContentType.JSON)
                    .body(Map.of("team_id", team, "name", team))
                    .post("/v1/admin/teams")
                    .then()
                    .statusCode(201);
        }
        String other = Tenants.newOrg();
        given().header("Authorization", Tokens.bearer(Tokens.orgAdmin(other)))
                .contentType(ContentType.JSON)
                .body(Map.of("team_id", "team_z", "name", "z"))
                .post("/v1/admin/teams")
                .then()
                .statusCode(201);
        given().header("Authorization", Tokens.bearer(admin))
                .get("/v1/me")
                .then()
                .statusCode(200)
                .body("teams", contains("team_x", "team_y"))
                .body("roles", hasItems("org_admin", "team_admin", "member"))
                .body("organization_wide", equalTo(true));
    }
}
