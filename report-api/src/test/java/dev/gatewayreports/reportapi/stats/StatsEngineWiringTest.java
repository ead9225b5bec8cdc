package dev.gatewayreports.reportapi.stats;

import static dev.gatewayreports.reportapi.support.Events.event;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.model.stats.BucketSpec;
import dev.gatewayreports.model.stats.Dimension;
import dev.gatewayreports.model.stats.Measure;
import dev.gatewayreports.model.stats.QueryTooLargeException;
import dev.gatewayreports.model.stats.RawFilters;
import dev.gatewayreports.model.stats.StatsEngine;
import dev.gatewayreports.model.stats.StatsQuery;
import dev.gatewayreports.model.stats.StatsResult;
import dev.gatewayreports.reportapi.errors.DatabaseFailures;
import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Events ingested through the API are visible to the engine at once (a tiny window reads raw events). */
@QuarkusTest
class StatsEngineWiringTest {
    @Inject
    StatsEngine engine;

    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    @Test
    void shouldAnswerFromJustIngestedEvents() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        Instant at = Instant.now().minus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        given().header("x-api-key", Tenants.serviceKey(org, "ingest"))
                .contentType(ContentType.JSON)
                .body(List.of(
                        event(team)
                                .with("occurred_at", at.toString())
                                .with("latency_ms", 100)
                                .build(),
                        event(team)
                                .with("occurred_at", at.toString())
                                .with("latency_ms", 300)
                                .build(),
                        event(team)
                                .with("occurred_at", at.toString())
                                .with("model", "claude-haiku-4-5")
                                .with("status", "error")
                                .with("error_type", "timeout")
                                .build()))
                .post("/v1/usage/events")
                .then()
                .statusCode(200);
        StatsResult result = engine.execute(new StatsQuery(
                org,
                List.of(team),
                at.minusSeconds(60),
                at.plusSeconds(60),
                ZoneId.of("UTC"),
                BucketSpec.NONE,
                List.of(Dimension.MODEL),
                Map.of(Dimension.PROVIDER, Set.of("anthropic")),
                RawFilters.NONE,
                EnumSet.allOf(Measure.class)));
        assertEquals("raw", result.source());
        assertEquals(2, result.rows().size());
        assertEquals(List.of("claude-haiku-4-5"), result.rows().get(0).dimensions());
        assertEquals(1, result.rows().get(0).figures().errors());
        assertEquals(2, result.rows().get(1).figures().requests());
        assertEquals(200.0, result.rows().get(1).figures().latencyAvg());

        StatsEngine tight = new StatsEngine(dataSource, new StatsEngine.Limits(10_000, 1, java.time.Duration.ZERO));
        StatsQuery twoModels = new StatsQuery(
                org,
                List.of(team),
                at.minusSeconds(60),
                at.plusSeconds(60),
                ZoneId.of("UTC"),
                BucketSpec.NONE,
                List.of(Dimension.MODEL),
                Map.of(),
                RawFilters.NONE,
                EnumSet.of(Measure.REQUESTS));
        assertThrows(QueryTooLargeException.class, () -> tight.execute(twoModels));
    }

    @Test
    void shouldRunRawOnlyReadsUnderTheirOwnStatementTimeout() throws Exception {
        // The pool's connections wait up to reports.database.statement-timeout (30 s); a raw-only read sets its own
        // for its transaction, so behind a lock it gives up after that one (here 300 ms) and the pool keeps 30 s.
        StatsEngine rawOnly = new StatsEngine(
                dataSource, new StatsEngine.Limits(10_000, 100_000, java.time.Duration.ofDays(1), "300ms"));
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        StatsQuery query = new StatsQuery(
                Tenants.newOrg(),
                List.of(Tenants.newTeam()),
                at.minusSeconds(60),
                at,
                ZoneId.of("UTC"),
                BucketSpec.NONE,
                List.of(),
                Map.of(),
                RawFilters.NONE,
                EnumSet.of(Measure.REQUESTS));
        try (java.sql.Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (java.sql.Statement st = lock.createStatement()) {
                st.execute("lock table usage_event in access exclusive mode");
            }
            long t0 = System.nanoTime();
            RuntimeException e = assertThrows(RuntimeException.class, () -> rawOnly.execute(query));
            long millis = java.time.Duration.ofNanos(System.nanoTime() - t0).toMillis();
            lock.rollback();
            assertEquals(
                    java.util.Optional.of(DatabaseFailures.Kind.TIMEOUT), DatabaseFailures.classify(e), e.toString());
            assertTrue(millis < 10_000, "gave up only after " + millis + " ms");
        }
        assertEquals("30s", Db.one("show statement_timeout").get("statement_timeout"));
        // PostgreSQL's JIT is off on every pooled connection: compiling cost more than short statements save.
        assertEquals("off", Db.one("show jit").get("jit"));
        // A parallel plan must save more than its workers' start-up (deploy/SCALING.md §2).
        assertEquals("20000", Db.one("show parallel_setup_cost").get("parallel_setup_cost"));
        assertEquals(0, rawOnly.execute(query).rows().size());
    }
}
