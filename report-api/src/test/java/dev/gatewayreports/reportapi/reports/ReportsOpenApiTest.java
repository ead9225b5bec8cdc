package dev.gatewayreports.reportapi.reports;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** /q/openapi documents every reports endpoint, with examples. */
@QuarkusTest
class ReportsOpenApiTest {
    @Test
    void shouldDocumentEveryReportsEndpointWithExamples() {
        given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body("paths.'/v1/reports/generate'.post.summary", equalTo("Generate a report"))
                .body(
                        "paths.'/v1/reports/generate'.post.requestBody.content.'application/json'.examples"
                                + ".'weekly cost report'.value.report_type",
                        equalTo("cost"))
                .body("paths.'/v1/reports/quick/{report_type}'.get.summary", notNullValue())
                .body(
                        "paths.'/v1/reports/quick/{report_type}'.get.parameters.find { it.name == 'days' }.example",
                        equalTo("7"))
                .body("paths.'/v1/reports'.get.summary", equalTo("Saved reports, newest first"))
                .body("paths.'/v1/reports/{report_id}'.get.summary", equalTo("One saved report"))
                .body("paths.'/v1/reports/{report_id}'.delete.responses.'204'", notNullValue())
                .body(
                        "paths.'/v1/reports/download/{report_id}'.get.parameters.find { it.name == 'format' }.example",
                        equalTo("xlsx"));
    }
}
