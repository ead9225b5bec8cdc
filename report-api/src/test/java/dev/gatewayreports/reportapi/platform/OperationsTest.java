package dev.gatewayreports.reportapi.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsTest {
    /** Readiness `schema`: UP, and the version it requires is the newest this build's migrations reached. */
    @Test
    void shouldBeReadyWithTheNewestMigrationOfThisBuild() {
        String newest = (String) dev.gatewayreports.testing.Db.one(
                        "select version from flyway_schema_history where success and version is not null"
                                + " order by string_to_array(version, '.')::int[] desc limit 1")
                .get("version");
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'schema' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'schema' }.data.required", equalTo(newest))
                .body("checks.find { it.name == 'schema' }.data.current", equalTo(newest));
    }

    @Test
    void shouldReportHealthAndMetrics() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        // An application request first: /q/ endpoints are not timed, so alone this test would see no timer yet.
        given().get("/v1/reports").then().statusCode(401);
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
    }

    @Test
    void shouldDocumentEveryEndpoint() {
        given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body("paths.'/v1/usage/events'.post.summary", equalTo("Ingest a batch of usage events"))
                .body("paths.'/v1/admin/service-keys'.post.summary", equalTo("Mint a service key"))
                .body("paths.'/v1/admin/teams/{team_id}'.get.summary", equalTo("One team"));
    }
}
