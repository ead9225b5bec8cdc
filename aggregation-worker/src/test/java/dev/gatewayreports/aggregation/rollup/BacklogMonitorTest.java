package dev.gatewayreports.aggregation.rollup;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.model.rollup.WorkQueue;
import dev.gatewayreports.testing.MetricsScrape;
import dev.gatewayreports.testing.PostgresTestResource;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The backlog gauges and the rollup-backlog health check against batches of known ages, written straight into
 * ingest_batch with received_at set by the database clock the gauges read (now() − age). The folder is off
 * (ManualRollups): the test drains and pauses it itself.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@TestProfile(ManualRollups.class)
class BacklogMonitorTest {
    static final Path METRIC_NAMES = Path.of("../deploy/observability/metric-names/aggregation-worker.txt");
    private static final String PENDING_BATCH = """
            insert into ingest_batch (org_id, received_at, event_count, min_occurred_at, max_occurred_at)
            values (?, now() - make_interval(secs => ?), 0, now(), now()) returning batch_id""";

    private final AgroalDataSource ds;
    private final RollupCycle cycle;
    private final BacklogMonitor monitor;
    private final MeterRegistry registry;
    private final RollupJob job;
    private final String org = "org_" + UUID.randomUUID().toString().substring(0, 8);

    BacklogMonitorTest(
            AgroalDataSource ds, RollupCycle cycle, BacklogMonitor monitor, MeterRegistry registry, RollupJob job) {
        this.ds = ds;
        this.cycle = cycle;
        this.monitor = monitor;
        this.registry = registry;
        this.job = job;
    }

    @BeforeEach
    void nothingPending() throws SQLException {
        EquivalenceData.drain(cycle); // leftovers of other tests in the shared database
        assertEquals(0, monitor.refresh().pendingBatches());
    }

    @Test
    void shouldReportTheAgeOfTheOldestPendingBatchAsItIsNow() throws Exception {
        long oldest = pendingBatch(900);
        pendingBatch(120);
        pendingBatch(10);

        WorkQueue.Backlog backlog = monitor.refresh();
        assertEquals(3, backlog.pendingBatches());
        assertAround(900, backlog.oldestPendingSeconds());
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertAround(900, metric(metrics, "rollup_oldest_pending_seconds"));
        assertAround(900, metric(metrics, "rollup_lag_seconds"));
        assertEquals(3, metric(metrics, "rollup_pending_batches"));

        markRolledUp(oldest);
        monitor.refresh();
        assertAround(120, registry.get("rollup.oldest.pending.seconds").gauge().value());
        assertEquals(2, registry.get("rollup.pending.batches").gauge().value());

        EquivalenceData.drain(cycle);
        monitor.refresh();
        assertEquals(0, registry.get("rollup.oldest.pending.seconds").gauge().value());
        assertEquals(0, registry.get("rollup.pending.batches").gauge().value());
    }

    @Test
    void shouldRefreshTheGaugeWhileADrainIsStillRunning() throws Exception {
        pendingBatch(600);
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // A drain that has claimed the batch and not committed yet: before, the lag gauge was set only after a
        // drain, so it said nothing about the backlog for as long as a drain ran.
        CompletableFuture<Long> drain = CompletableFuture.supplyAsync(() -> {
            try {
                return cycle.runOnce(10, () -> {
                    claimed.countDown();
                    await(release);
                });
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            assertTrue(claimed.await(30, TimeUnit.SECONDS));
            // Not refreshed by the test: the monitor's own timer (aggregation.backlog-refresh, 2 s) must pick it up.
            double seen = 0;
            for (int i = 0; i < 50 && seen < 600; i++) {
                Thread.sleep(200);
                seen = metric(given().get("/q/metrics").asString(), "rollup_oldest_pending_seconds");
            }
            assertAround(600, seen);
        } finally {
            release.countDown();
        }
        drain.get(30, TimeUnit.SECONDS);
    }

    @Test
    void shouldReportTheBacklogInHealthWithoutTakingTheWorkerOutOfReadiness() throws Exception {
        pendingBatch(30);
        JsonPath up = given().get("/q/health").then().statusCode(200).extract().jsonPath();
        assertEquals("UP", check(up, "status"));

        pendingBatch(301); // aggregation.max-pending-age is 5 minutes
        JsonPath down =
                given().get("/q/health").then().statusCode(503).extract().jsonPath();
        assertEquals("DOWN", check(down, "status"));
        assertEquals(300, Integer.parseInt(check(down, "data.max_pending_age_seconds")));
        assertEquals(2, Integer.parseInt(check(down, "data.pending_batches")));
        assertAround(301, Double.parseDouble(check(down, "data.oldest_pending_seconds")));
        given().get("/q/health/well").then().statusCode(503);
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.name", not(hasItem(BacklogHealthCheck.NAME)));

        EquivalenceData.drain(cycle);
        given().get("/q/health").then().statusCode(200);
    }

    @Test
    void shouldKeepTheMetricNamesListCurrent() throws Exception {
        pendingBatch(5);
        assertEquals(0, job.drain()); // the job's meters exist once it has run
        given().get("/q/health/ready").then().statusCode(200);
        // An application request, so the HTTP server's metrics exist whichever tests ran before in this JVM.
        given().post("/v1/ops/retention").then().statusCode(401);
        new MetricsScrape(given().get("/q/metrics").asString())
                .checkListed(
                        METRIC_NAMES,
                        name -> name.startsWith("rollup_")
                                || name.startsWith("agroal_")
                                || name.startsWith("http_server_requests"));
    }

    private static String check(JsonPath health, String path) {
        return health.getString("checks.find { it.name == '" + BacklogHealthCheck.NAME + "' }." + path);
    }

    private long pendingBatch(int ageSeconds) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(PENDING_BATCH)) {
            ps.setString(1, org);
            ps.setInt(2, ageSeconds);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void markRolledUp(long batchId) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("update ingest_batch set rolled_up_at = now() where batch_id = ?")) {
            ps.setLong(1, batchId);
            assertEquals(1, ps.executeUpdate());
        }
    }

    /** The age is read a moment after the row was written: at least the age, at most a few seconds more. */
    private static void assertAround(double expected, double actual) {
        assertTrue(actual >= expected && actual < expected + 5, "expected about " + expected + " s, was " + actual);
    }

    private static double metric(String body, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? (\\S+)$").matcher(body);
        if (!m.find()) {
            throw new AssertionError(name + " is not in /q/metrics");
        }
        return Double.parseDouble(m.group(1));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
