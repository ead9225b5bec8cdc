package dev.gatewayreports.reportapi.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;

/** Ingests events through the public API, then folds them into rollups as the aggregation worker would. */
public final class Ingest {
    private Ingest() {}

    /** Answers the response's {@code accepted} count. */
    public static int andFold(String ingestKey, List<?> events) {
        int accepted = given().header("x-api-key", ingestKey)
                .contentType(ContentType.JSON)
                .body(events)
                .post("/v1/usage/events")
                .then()
                .statusCode(200)
                .extract()
                .path("accepted");
        Rollups.foldAll();
        return accepted;
    }

    /** Makes the team the organization's default one (the admin API reports it as workspace_id null). */
    public static void makeDefault(String orgId, String teamId) {
        given().header("Authorization", Tokens.bearer(Tokens.orgAdmin(orgId)))
                .contentType(ContentType.JSON)
                .body(Map.of("is_default", true))
                .patch("/v1/admin/teams/" + teamId)
                .then()
                .statusCode(200);
    }
}
