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

    @Test
    void shouldTypeTheReportWithNamedSchemas() {
        String report = "#/components/schemas/Report";
        given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body(
                        "paths.'/v1/reports/generate'.post.responses.'200'.content.'application/json'.schema.$ref",
                        equalTo(report))
                .body(
                        "paths.'/v1/reports/quick/{report_type}'.get.responses.'200'.content.'application/json'"
                                + ".schema.$ref",
                        equalTo(report))
                .body(
                        "paths.'/v1/reports/{report_id}'.get.responses.'200'.content.'application/json'.schema.$ref",
                        equalTo(report))
                .body("components.schemas.Report.properties.data.$ref", equalTo("#/components/schemas/ReportData"))
                .body(
                        "components.schemas.ReportData.properties.by_model.items.$ref",
                        equalTo("#/components/schemas/ReportModelRow"))
                .body("components.schemas.ReportSummary.properties.total_cost_usd", notNullValue())
                .body("components.schemas.ReportModelRow.properties.cost_usd", notNullValue())
                .body("paths.'/v1/reports'.get.parameters.find { it.name == 'team_id' }.example", equalTo("team_xyz"))
                .body("paths.'/v1/reports/{report_id}'.get.responses.'304'", notNullValue())
                .body("paths.'/v1/reports/download/{report_id}'.get.responses.'304'", notNullValue());
    }

    @Test
    void shouldDocumentTheScheduleAndSendEndpointsWithExamples() {
        given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body(
                        "paths.'/v1/reports/schedule'.post.summary",
                        equalTo("Create or replace a team's schedule of one report type"))
                .body(
                        "paths.'/v1/reports/schedule'.post.requestBody.content.'application/json'.examples"
                                + ".'weekly usage report'.value.schedule_time",
                        equalTo("09:00"))
                .body("paths.'/v1/reports/schedule'.post.responses.'200'", notNullValue())
                .body("paths.'/v1/reports/schedule'.post.responses.'403'", notNullValue())
                .body("paths.'/v1/reports/preferences/all'.get.summary", notNullValue())
                .body(
                        "paths.'/v1/reports/preferences/all'.get.parameters.find { it.name == 'team_id' }.example",
                        equalTo("team_xyz"))
                .body("paths.'/v1/reports/schedule/{report_type}'.delete.responses.'204'", notNullValue())
                .body(
                        "paths.'/v1/reports/schedule/{report_type}'.delete.parameters"
                                + ".find { it.name == 'report_type' }.example",
                        equalTo("usage"))
                .body("paths.'/v1/reports/send'.post.summary", equalTo("E-mail a report now"))
                .body("paths.'/v1/reports/send'.post.responses.'202'", notNullValue())
                .body("paths.'/v1/reports/send'.post.parameters.find { it.name == 'days' }.example", equalTo("7"))
                .body(
                        "paths.'/v1/reports/send'.post.requestBody.content.'application/json'.examples"
                                + ".'two recipients'.value[0]",
                        equalTo("alice@example.com"))
                .body("paths.'/v1/reports/deliveries/{delivery_id}'.get.responses.'404'", notNullValue())
                // The schedule paths do not shadow the saved reports' own.
                .body("paths.'/v1/reports/{report_id}'.get.summary", equalTo("One saved report"));
    }
}
