package dev.gatewayreports.aggregation.packaged;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.aggregation.rollup.FaultSupport;
import dev.gatewayreports.testing.PackagedDatabase;
import dev.gatewayreports.testing.PostgresTestResource;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The aggregation worker as it ships: the packaged artifact (quarkus-run.jar, or the native executable under
 * {@code -Dnative}) in its production profile. Events written as ingest writes them are folded by the worker's own
 * scheduled job, and every rollup must equal the raw events; its operations endpoints answer their errors.
 */
@QuarkusIntegrationTest
// The module's global resources (as OpsResourceTest declares them, so they start once), and this suite's own.
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(PackagedSettings.class)
class WorkerPackagedIT {
    private static final String REBUILD = "/v1/ops/rollups/rebuild";

    @Test
    void shouldFoldIngestedEventsIntoRollupsThatEqualTheRawEvents() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String org = "org_" + id;
        String[] teams = {"team_" + id + "_a", "team_" + id + "_b", "team_" + id + "_c"};
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (AgroalDataSource ds = pool()) {
            FaultSupport.insertBatch(
                    ds, org, teams, 300, now.minus(Duration.ofHours(30)), now, 0.25, "req-" + id + "-a");
            FaultSupport.insertBatch(ds, org, teams, 200, now.minus(Duration.ofHours(2)), now, 0.5, "req-" + id + "-b");

            Instant deadline = Instant.now().plusSeconds(30);
            while (pendingBatches(ds, org) > 0 && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            assertEquals(0, pendingBatches(ds, org), "the worker folded both batches within 30 s");
            assertEquals(500, dailyRequests(ds, org), "rollup_team's daily buckets count every event once");
            FaultSupport.assertRollupsMatchRawEvents(ds, teams);
        }
    }

    @Test
    void shouldAnswerTheOpsEndpointsErrors() {
        given().post(REBUILD + "?from=2099-01-01T00:00:00Z&to=2099-01-02T00:00:00Z")
                .then()
                .statusCode(401);
        given().header("Authorization", "Bearer " + token("member"))
                .post(REBUILD + "?from=2099-01-01T00:00:00Z&to=2099-01-02T00:00:00Z")
                .then()
                .statusCode(403);

        JsonPath invalid = given().header("Authorization", "Bearer " + token("ops"))
                .post(REBUILD + "?from=yesterday&to=2099-01-02T00:00:00Z")
                .then()
                .statusCode(400)
                .extract()
                .jsonPath();
        assertEquals(List.of("error"), List.copyOf(invalid.getMap("").keySet()), invalid.prettify());
        assertEquals("invalid_request", invalid.getString("error.code"));
        assertEquals("from", invalid.getString("error.field"));
        assertTrue(invalid.getString("error.message").startsWith("from must be"), invalid.prettify());

        given().header("Authorization", "Bearer " + token("ops"))
                .post(REBUILD + "?from=2099-01-02T00:00:00Z&to=2099-01-01T00:00:00Z")
                .then()
                .statusCode(400)
                .body("error.field", equalTo("to"));

        // A far-future day: rebuilding it touches no rollup another test reads.
        given().header("Authorization", "Bearer " + token("ops"))
                .post(REBUILD + "?from=2099-01-01T00:00:00Z&to=2099-01-02T00:00:00Z")
                .then()
                .statusCode(200)
                .body("events", equalTo(0));
    }

    @Test
    void shouldServeHealthAndMetricsOnTheManagementPortOnly() {
        given().get("/q/health/ready").then().statusCode(404);
        given().baseUri(PackagedSettings.managementUrl())
                .port(-1)
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"));
        String metrics = given().baseUri(PackagedSettings.managementUrl())
                .port(-1)
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(metrics.contains("rollup_lag_seconds"), "the worker's own metrics are exported");
    }

    /** A real signed token for the worker's audience with these roles. */
    private static String token(String... roles) {
        return Jwt.subject("operator-" + UUID.randomUUID())
                .issuer("https://server.example.com")
                .audience("aggregation-worker")
                .claim("roles", List.of(roles))
                .sign();
    }

    private static long pendingBatches(AgroalDataSource ds, String org) throws Exception {
        return count(ds, "select count(*) from ingest_batch where org_id = ? and rolled_up_at is null", org);
    }

    private static long dailyRequests(AgroalDataSource ds, String org) throws Exception {
        return count(
                ds, "select coalesce(sum(request_count), 0) from rollup_team where org_id = ? and grain = 86400", org);
    }

    private static long count(AgroalDataSource ds, String sql, String arg) throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A small pool on the packaged worker's database, for the rollup checks' helpers. */
    private static AgroalDataSource pool() throws Exception {
        Map<String, String> db = PackagedDatabase.settings();
        return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.maxSize(2)
                        .acquisitionTimeout(Duration.ofSeconds(10))
                        .connectionFactoryConfiguration(
                                factory -> factory.jdbcUrl(db.get("quarkus.datasource.jdbc.url"))
                                        .principal(new NamePrincipal(db.get("quarkus.datasource.username")))
                                        .credential(new SimplePassword(db.get("quarkus.datasource.password"))))));
    }
}
