package dev.gatewayreports.reportapi.teams;

import static dev.gatewayreports.reportapi.support.Events.event;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.reportapi.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TeamsResourceTest {
    private static ValidatableResponse create(String token, Object body) {
        return given().header("Authorization", Tokens.bearer(token))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/admin/teams")
                .then();
    }

    @Test
    void shouldCreateListAndRenameTeams() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String admin = Tokens.orgAdmin(org);
        create(admin, Map.of("team_id", team, "name", "Platform", "is_default", true))
                .statusCode(201)
                .body("org_id", equalTo(org))
                .body("is_default", equalTo(true));
        given().header("Authorization", Tokens.bearer(admin))
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Platform team"))
                .patch("/v1/admin/teams/" + team)
                .then()
                .statusCode(200)
                .body("name", equalTo("Platform team"));
        given().header("Authorization", Tokens.bearer(admin))
                .get("/v1/admin/teams")
                .then()
                .statusCode(200)
                .body("team_id", equalTo(List.of(team)));
    }

    @Test
    void shouldRejectAnIdTheOrganizationHasAndMalformedIds() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        create(Tokens.orgAdmin(org), Map.of("team_id", team, "name", "A")).statusCode(201);
        create(Tokens.orgAdmin(org), Map.of("team_id", team, "name", "B"))
                .statusCode(409)
                .body("error.field", equalTo("team_id"));
        create(Tokens.orgAdmin(Tenants.newOrg()), Map.of("team_id", "has space", "name", "B"))
                .statusCode(400)
                .body("error.field", equalTo("team_id"));
    }

    @Test
    void shouldAnswer404ForAnotherOrganizationsTeam() {
        String team = Tenants.newTeam();
        create(Tokens.orgAdmin(Tenants.newOrg()), Map.of("team_id", team, "name", "A"))
                .statusCode(201);
        String other = Tokens.orgAdmin(Tenants.newOrg());
        given().header("Authorization", Tokens.bearer(other))
                .get("/v1/admin/teams/" + team)
                .then()
                .statusCode(404)
                .body("error.code", equalTo("not_found"));
        given().header("Authorization", Tokens.bearer(other))
                .contentType(ContentType.JSON)
                .body(Map.of("name", "stolen"))
                .patch("/v1/admin/teams/" + team)
                .then()
                .statusCode(404);
        given().header("Authorization", Tokens.bearer(other))
                .get("/v1/admin/teams")
                .then()
                .body("team_id", not(hasItem(team)));
    }

    @Test
    void shouldRegisterTeamFirstSeenInEventsToTheKeysOrganization() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        given().header("x-api-key", Tenants.serviceKey(org, "ingest"))
                .contentType(ContentType.JSON)
                .body(List.of(event(team).build()))
                .post("/v1/usage/events")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(1));
        given().header("Authorization", Tokens.bearer(Tokens.orgAdmin(org)))
                .get("/v1/admin/teams/" + team)
                .then()
                .statusCode(200)
                .body("registered_by", equalTo("ingest"));
        // The same team id from another organization's key is that organization's own team of that id.
        String other = Tenants.newOrg();
        given().header("x-api-key", Tenants.serviceKey(other, "ingest"))
                .contentType(ContentType.JSON)
                .body(List.of(event(team).build(), event(Tenants.newTeam()).build()))
                .post("/v1/usage/events")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(2))
                .body("rejected", hasSize(0));
        given().header("Authorization", Tokens.bearer(Tokens.orgAdmin(other)))
                .get("/v1/admin/teams/" + team)
                .then()
                .statusCode(200)
                .body("org_id", equalTo(other))
                .body("registered_by", equalTo("ingest"));
    }

    @Test
    void shouldAllowOnlyOrgAdmins() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        create(Tokens.user(org, List.of(team), "team_admin"), Map.of("team_id", team, "name", "A"))
                .statusCode(403);
        given().header("Authorization", Tokens.bearer(Tokens.user(org, List.of(team), "member")))
                .get("/v1/admin/teams")
                .then()
                .statusCode(403);
        given().get("/v1/admin/teams").then().statusCode(401);
        given().header("x-api-key", Tenants.serviceKey(org, "admin"))
                .get("/v1/admin/teams")
                .then()
                .statusCode(403);
    }
}
