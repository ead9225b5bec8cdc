package dev.gatewayreports.scheduling;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.gatewayreports.scheduling.due.Dispatcher;
import dev.gatewayreports.scheduling.support.GreenMailResource;
import dev.gatewayreports.scheduling.support.Seeds;
import dev.gatewayreports.scheduling.support.Stubs;
import dev.gatewayreports.testing.Db;
import dev.gatewayreports.testing.PostgresTestResource;
import dev.gatewayreports.testing.SchemaReadiness;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The service starts against the migrated schema and reports its health and metrics. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class OperationsTest {
    @Inject
    Dispatcher dispatcher;

    @OidcWireMock
    WireMockServer wireMock;

    /** Readiness `schema`: UP, and the version it requires is the newest this build's migrations reached. */
    @Test
    void shouldBeReadyWithTheNewestMigrationOfThisBuild() {
        SchemaReadiness.assertReadyAtNewestMigration();
    }

    @Test
    void shouldBeReadyWithTheDatabase() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItem(containsString("Database")));
    }

    @Test
    void shouldBoundEveryStatementAndTheWaitForAConnection() {
        // reports.database.statement-timeout reaches every pooled connection (JDBC options); a hung statement
        // fails instead of holding a connection forever.
        assertEquals("30s", Db.one("show statement_timeout").get("statement_timeout"));
        assertEquals("off", Db.one("show jit").get("jit"));
        assertEquals("20000", Db.one("show parallel_setup_cost").get("parallel_setup_cost"));
        assertEquals(
                Duration.ofSeconds(5),
                ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.acquisition-timeout", Duration.class));
    }

    @Test
    void shouldExposePrometheusMetrics() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void shouldCountDeliveriesByOutcome() {
        String[] team = Seeds.team("Metrics");
        Seeds.adHoc(
                team,
                List.of(Seeds.id("metrics") + "@example.com"),
                "none",
                Instant.parse("2026-11-16T00:00:00Z"),
                Instant.parse("2026-11-23T00:00:00Z"),
                Instant.parse("2026-11-23T00:00:00Z"));
        Stubs.reportApi(wireMock);
        GreenMailResource.startServer();
        dispatcher.dispatchDue(Instant.parse("2026-11-23T00:00:00Z"));

        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("reports_deliveries_total{outcome=\"sent\"}"));
    }
}
