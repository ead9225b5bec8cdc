package dev.gatewayreports.reportapi.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.gatewayreports.testing.SchemaReadiness;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsTest {
    /** Readiness `schema`: UP, and the version it requires is the newest this build's migrations reached. */
    @Test
    void shouldBeReadyWithTheNewestMigrationOfThisBuild() {
        SchemaReadiness.assertReadyAtNewestMigration();
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
