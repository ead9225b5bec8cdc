package dev.gatewayreports.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * The readiness check {@code schema} every service carries (common-model's SchemaVersionCheck), seen from outside in
 * a {@code @QuarkusTest}: UP, and both the version it requires and the one it reads are the newest migration the
 * test database's history holds (computed here in SQL, independently of the check's own reading).
 */
public final class SchemaReadiness {
    private SchemaReadiness() {}

    public static void assertReadyAtNewestMigration() {
        String newest =
                (String) Db.one("select version from flyway_schema_history where success and version is not null"
                                + " order by string_to_array(version, '.')::int[] desc limit 1")
                        .get("version");
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'schema' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'schema' }.data.required", equalTo(newest))
                .body("checks.find { it.name == 'schema' }.data.current", equalTo(newest));
    }
}
