package dev.gatewayreports.reportapi.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The new endpoints are documented, with their parameters and examples. */
@QuarkusTest
class AdminOpenApiTest {
    @Test
    void shouldDocumentCallStatsAndTheAdminReports() {
        given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("paths", hasKey("/calls/stats"))
                .body("paths", hasKey("/v1/organizations/usage_report/messages"))
                .body("paths", hasKey("/v1/organizations/cost_report"))
                .body("paths.'/calls/stats'.post.summary", notNullValue())
                .body(
                        "paths.'/v1/organizations/usage_report/messages'.get.parameters.find { it.name == 'starting_at' }"
                                + ".example",
                        notNullValue())
                .body(
                        "paths.'/v1/organizations/cost_report'.get.parameters.find { it.name == 'group_by[]' }.example",
                        notNullValue());
    }
}
