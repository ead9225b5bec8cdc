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
    /**
     * Bodies and responses that are Jackson trees today, documented as open objects until their records land: H2's
     * generate and schedule request records, H1's report record. The lead removes this list when merging them.
     */
    static final Set<String> UNTYPED = Set.of(
            "generateReport request",
            "saveSchedule request",
            "generateReport response",
            "getQuickReport response",
            "getSavedReport response",
            "downloadSavedReport response");

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
