package dev.gatewayreports.aggregation.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatewayreports.testing.Db;
import dev.gatewayreports.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * One scheduler tick folds every waiting batch, budget after budget, instead of stopping at the first budget and idling
 * until the scheduler's next check (up to a second per budget).
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@TestProfile(RollupJobTest.OneClaimPerBudget.class)
class RollupJobTest {
    /** The job on, the scheduler off (the test calls the tick), a budget that ends after every claim of one batch. */
    public static class OneClaimPerBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "aggregation.enabled", "true",
                    "quarkus.scheduler.enabled", "false",
                    "aggregation.tick-budget-millis", "1",
                    "aggregation.events-per-cycle", "1");
        }
    }

    private final RollupJob job;

    RollupJobTest(RollupJob job) {
        this.job = job;
    }

    @Test
    void shouldFoldEveryWaitingBatchInOneTick() {
        String org = "org_tick_" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 6; i++) {
            Db.execute(
                    "insert into ingest_batch (org_id, event_count, min_occurred_at, max_occurred_at)"
                            + " values (?, 0, now(), now())",
                    org);
        }
        job.tick();
        assertEquals(
                0,
                Db.count("select count(*) from ingest_batch where org_id = ? and rolled_up_at is null", org),
                "six budgets of one claim each, in one tick");
    }
}
