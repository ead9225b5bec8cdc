package dev.gatewayreports.aggregation.rollup;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import dev.gatewayreports.model.audit.Actor;
import dev.gatewayreports.testing.PostgresTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@TestProfile(ManualRollups.class)
class RollupRebuildTest {
    private final AgroalDataSource ds;
    private final RollupCycle cycle;
    private final RollupRebuild rebuild;
    private final String org = "org_" + UUID.randomUUID().toString().substring(0, 8);
    private final String[] teams = {team(), team(), team()};

    RollupRebuildTest(AgroalDataSource ds, RollupCycle cycle, RollupRebuild rebuild) {
        this.ds = ds;
        this.cycle = cycle;
        this.rebuild = rebuild;
    }

    private static String team() {
        return "team_" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void shouldRepairDamagedRollupsWhileNewBatchesArriveAndAreFolded() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant from = now.minus(Duration.ofDays(3));
        RawEvents.insert(
                ds, org, teams, 5_000, from, now, 0.3, UUID.randomUUID().toString());
        EquivalenceData.drain(cycle);
        try (Connection c = ds.getConnection();
                PreparedStatement damage = c.prepareStatement(
                        "update rollup_model set request_count = request_count + 5, latency_sketch = null"
                                + " where team_id = any(?)")) {
            damage.setArray(1, c.createArrayOf("text", teams));
            damage.executeUpdate();
        }
        RawEvents.insert(
                ds, org, teams, 2_000, from, now, 0.6, UUID.randomUUID().toString()); // still pending
        CompletableFuture<Void> worker = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < 50; i++) {
                    cycle.runOnce(1, () -> {});
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        rebuild.rebuild(from, now.plusSeconds(1), Actor.system("test"));
        worker.join();
        EquivalenceData.drain(cycle);
        RollupCheck.assertRollupsMatchRawEvents(ds, org, teams);
    }

    @Test
    void shouldExposeLagAndThroughputMetrics() {
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("rollup_events_total"))
                .body(containsString("rollup_lag_seconds"))
                .body(containsString("rollup_pending_batches"));
    }

    @Test
    void shouldKeepOpsEndpointsForOperators() {
        given().post("/v1/ops/rollups/rebuild?from=2025-01-01T00:00:00Z&to=2025-01-02T00:00:00Z")
                .then()
                .statusCode(401);
    }
}
