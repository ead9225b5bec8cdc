package dev.gatewayreports.reportapi.openapi;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The served document passes {@link OpenApiRules}: what openapi-generator and Redocly need of it. */
@QuarkusTest
class OpenApiLintTest {
    /** Bodies and responses allowed to be open objects: none (the report and the requests are records). */
    static final Set<String> UNTYPED = Set.of();

    @Test
    void shouldServeADocumentAClientGeneratorCanUse() {
        String document = given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .asString();

        List<String> problems = new OpenApiRules(UNTYPED).problems(document);

        assertEquals(List.of(), problems, String.join("\n", problems));
    }
}
