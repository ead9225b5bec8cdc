package dev.gatewayreports.reportapi.faults;

import static dev.gatewayreports.reportapi.support.Events.event;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.reportapi.support.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL taken away under the running report-api (a real server stopped with a fast shutdown, then started
 * again on the same data) and PostgreSQL too slow (a statement blocked behind a lock this test holds): ingest and
 * reads answer 503 with Retry-After in the error shape, readiness is DOWN meanwhile, and everything answers 200
 * again once the database is back, without restarting the service.
 */
@QuarkusTest
@TestProfile(OwnPostgres.class)
class DatabaseOutageTest {
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    private String org;
    private String team;
    private String key;

    @BeforeEach
    void tenant() throws Exception {
        OwnPostgres.server().start(); // idempotent when it runs: a failed test never leaves it down for the next
        assertTrue(jdbcUrl.startsWith(OwnPostgres.server().jdbcUrl()), "not on the fault server: " + jdbcUrl);
        org = Tenants.newOrg();
        team = Tenants.newTeam();
        key = Tenants.serviceKey(org, "ingest");
    }

    @AfterEach
    void databaseBack() throws Exception {
        OwnPostgres.server().start();
    }

    @Test
    void shouldAnswer503WithRetryAfterWhileDatabaseIsDownAndRecoverWhenItIsBack() throws Exception {
        ingestWithKey().then().statusCode(200).body("accepted", equalTo(1));
        ingestWithToken().then().statusCode(200).body("accepted", equalTo(1));
        report().then().statusCode(200);

        OwnPostgres.server().stop();

        assertUnavailable(ingestWithToken(), "ingest (bearer token)");
        assertUnavailable(ingestWithKey(), "ingest (service key, looked up in the database)");
        assertUnavailable(report(), "report");
        given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));

        OwnPostgres.server().start();

        long backAt = System.nanoTime();
        Response first = awaitStatus(200, this::ingestWithToken, Duration.ofSeconds(20));
        Duration recovery = Duration.ofNanos(System.nanoTime() - backAt);
        first.then().body("accepted", equalTo(1));
        ingestWithKey().then().statusCode(200).body("accepted", equalTo(1));
        report().then().statusCode(200).body("data.summary.total_requests", equalTo(4));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        System.out.printf("report-api answered 200 again %d ms after PostgreSQL was back%n", recovery.toMillis());
    }

    @Test
    void shouldAnswer503WhenAStatementOutlivesTheStatementTimeout() throws Exception {
        ingestWithToken().then().statusCode(200);
        try (AgroalDataSource ds = OwnPostgres.server().pool(1);
                Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                // Ingest claims identities in usage_event_key; reports read the rollups: both now wait on us.
                st.execute("lock table usage_event_key, rollup_team in access exclusive mode");
            }
            long t0 = System.nanoTime();
            assertUnavailable(ingestWithToken(), "ingest behind a lock");
            assertUnavailable(report(), "report behind a lock");
            Duration both = Duration.ofNanos(System.nanoTime() - t0);
            assertTrue(both.compareTo(Duration.ofSeconds(15)) < 0, "cut off only after " + both);
            c.rollback();
        }
        ingestWithToken().then().statusCode(200).body("accepted", equalTo(1));
        report().then().statusCode(200).body("data.summary.total_requests", equalTo(2));
    }

    private static void assertUnavailable(Response response, String what) {
        assertEquals(503, response.statusCode(), what + ": " + response.asString());
        assertEquals("7", response.header("Retry-After"), what);
        response.then().body("error.code", equalTo("service_unavailable"));
    }

    private static Response awaitStatus(int status, Supplier<Response> call, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        Response last = call.get();
        while (last.statusCode() != status && System.nanoTime() < deadline) {
            assertEquals(503, last.statusCode(), "while recovering: " + last.asString());
            Thread.sleep(200);
            last = call.get();
        }
        assertEquals(status, last.statusCode(), last.asString());
        return last;
    }

    private Response ingestWithKey() {
        return given().header("x-api-key", key)
                .contentType(ContentType.JSON)
                .body(List.of(event(team).build()))
                .post("/v1/usage/events");
    }

    private Response ingestWithToken() {
        return given().header("Authorization", Tokens.bearer(Tokens.user(org, List.of(), "ingest")))
                .contentType(ContentType.JSON)
                .body(List.of(event(team).build()))
                .post("/v1/usage/events");
    }

    private Response report() {
        return given().header("Authorization", Tokens.bearer(Tokens.user(org, List.of(team), "member")))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "report_type",
                        "usage",
                        "start",
                        Instant.now()
                                .minus(Duration.ofDays(2))
                                .truncatedTo(ChronoUnit.SECONDS)
                                .toString(),
                        "end",
                        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                        "team_id",
                        team))
                .post("/v1/reports/generate");
    }
}
