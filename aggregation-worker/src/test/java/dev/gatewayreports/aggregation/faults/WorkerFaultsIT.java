package dev.gatewayreports.aggregation.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.aggregation.faults.EventWriter.Tenant;
import dev.gatewayreports.testing.FaultPostgres;
import io.agroal.api.AgroalDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once rollups under real faults: worker processes killed with SIGKILL in the middle of a batch while
 * two of them run and events keep arriving, and PostgreSQL restarted under a running worker. Each test then
 * compares every rollup with the raw events. Needs the packaged worker (runs in {@code verify}, after package).
 */
class WorkerFaultsIT {
    private static final Path DIR = Path.of(System.getProperty("faults.dir", "target/faults"));
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(120);
    private static final int MIN_KILLS = 4;

    private static FaultPostgres pg;
    private static AgroalDataSource ds;

    private final List<WorkerProcess> workers = new ArrayList<>();
    private final AtomicInteger killsMidBatch = new AtomicInteger();
    private int kills;
    private final long seed = System.nanoTime();
    private final Random random = new Random(seed);
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeAll
    static void startPostgres() throws Exception {
        pg = FaultPostgres.startFresh(DIR.resolve("pgdata"));
        Flyway.configure()
                .dataSource(pg.jdbcUrl(), "postgres", "")
                .locations("classpath:db/migration")
                .placeholders(java.util.Map.of("runtime_role", "none"))
                .load()
                .migrate();
        ds = pg.pool(4);
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select usage_event_ensure_partitions(current_date - 12, current_date + 1)")) {
            ps.execute(); // so ingest does no DDL while the workers read
        }
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (ds != null) {
            ds.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @AfterEach
    void stopWorkers() throws InterruptedException {
        for (WorkerProcess w : workers) {
            w.stop();
        }
    }

    @Test
    void shouldCountEveryEventOnceWhenWorkersAreKilledMidBatchDuringIngest() throws Exception {
        Tenant[] tenants = {Tenant.random(), Tenant.random()};
        EventWriter writer = new EventWriter(ds, tenants, 100, 2_000, Duration.ofMillis(100), now);
        writer.extendWhile(() -> killsMidBatch.get() < MIN_KILLS);
        WorkerProcess a = startWorker("worker-a");
        WorkerProcess b = startWorker("worker-b");
        awaitReady(a, b);
        long sessionsLostBefore = sessionsLostMidTransaction();
        long t0 = System.nanoTime();
        Thread writing = Thread.ofPlatform().name("event-writer").start(writer);

        killWhile(List.of(a, b), writing::isAlive, Duration.ofSeconds(100));
        writing.join();
        writer.rethrowFailure();
        Backlog.awaitDrained(ds, DRAIN_TIMEOUT, writing::isAlive, workers);
        System.out.printf(
                "kill -9 scenario (kill schedule seed %d): %d events in %d batches written in %d s, %d kills, %d of"
                        + " them inside a rollup transaction (postgres logged %d sessions lost mid-transaction),"
                        + " drained %d s after the first write%n",
                seed,
                writer.committedEvents(),
                writer.committedBatches(),
                writer.elapsed().toSeconds(),
                kills,
                killsMidBatch.get(),
                sessionsLostMidTransaction() - sessionsLostBefore,
                Duration.ofNanos(System.nanoTime() - t0).toSeconds());

        assertTrue(a.isAlive() && b.isAlive(), "a worker died on its own\n" + Backlog.describe(ds, workers));
        RollupAudit.assertCountedOnce(ds, tenants, writer.committedEvents());
        assertTrue(killsMidBatch.get() >= MIN_KILLS, "only " + killsMidBatch + " kills hit a rollup transaction");
    }

    @Test
    void shouldFinishAndCountEveryEventOnceAfterPostgresRestarts() throws Exception {
        Tenant[] tenants = {Tenant.random()};
        EventWriter writer = new EventWriter(ds, tenants, 0, 2_000, Duration.ZERO, now);
        WorkerProcess w = startWorker("worker-r");
        awaitReady(w);
        int batch = 0;
        while (batch < 30) {
            writer.writeBatch(batch++);
        }

        // 1: fast shutdown while the worker is inside a rollup transaction, a third of the work done.
        assertTrue(
                Backlog.await(
                        READY_TIMEOUT,
                        () -> Backlog.pendingBatches(ds) <= 20 && Backlog.inTransaction(ds, w.applicationName())),
                "the worker did not get a third through its work\n" + Backlog.describe(ds, workers));
        restartPostgres(Duration.ofSeconds(4));
        long pendingAfterFirst = Backlog.pendingBatches(ds);
        assertTrue(pendingAfterFirst > 0, "nothing was left for the worker after the restart");
        Backlog.awaitDrained(ds, DRAIN_TIMEOUT, () -> false, workers);

        // 2: while the worker idles with pooled connections the restart has broken.
        restartPostgres(Duration.ofSeconds(3));
        while (batch < 40) {
            writer.writeBatch(batch++);
        }
        Backlog.awaitDrained(ds, DRAIN_TIMEOUT, () -> false, workers);

        System.out.printf(
                "postgres restart scenario: %d events in %d batches, %d batches pending after the first restart,"
                        + " %d failed cycles logged by the worker%n",
                writer.committedEvents(),
                writer.committedBatches(),
                pendingAfterFirst,
                w.logLinesContaining("rollup cycle failed"));
        assertTrue(w.isAlive(), "the worker died\n" + Backlog.describe(ds, workers));
        assertEquals(1, w.incarnation(), "the worker was restarted");
        RollupAudit.assertCountedOnce(ds, tenants, writer.committedEvents());
    }

    /**
     * Until the writer is done and {@link #MIN_KILLS} kills have hit a rollup transaction, every 1-4 s: picks one
     * of the workers that are up, waits up to 3 s for it to be inside a rollup transaction, SIGKILLs it and starts
     * a new one in its place.
     */
    private void killWhile(List<WorkerProcess> pool, BooleanSupplier writing, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while ((writing.getAsBoolean() || killsMidBatch.get() < MIN_KILLS) && System.nanoTime() < deadline) {
            Thread.sleep(1_000 + random.nextInt(3_000));
            if (!writing.getAsBoolean() && Backlog.pendingBatches(ds) == 0) {
                break;
            }
            List<WorkerProcess> up =
                    pool.stream().filter(WorkerProcess::isReady).toList();
            if (up.isEmpty()) {
                continue;
            }
            WorkerProcess victim = up.get(random.nextInt(up.size()));
            boolean open =
                    Backlog.await(Duration.ofSeconds(3), () -> Backlog.inTransaction(ds, victim.applicationName()));
            victim.kill9();
            kills++;
            if (open) {
                killsMidBatch.incrementAndGet();
            }
            System.out.printf("killed %s (in a rollup transaction: %s)%n", victim, open);
            victim.start();
        }
    }

    /** Sessions whose client vanished inside a transaction, as PostgreSQL logged them. */
    private static long sessionsLostMidTransaction() throws Exception {
        return pg.logLinesContaining("unexpected EOF on client connection with an open transaction")
                + pg.logLinesContaining("connection to client lost");
    }

    private void restartPostgres(Duration down) throws Exception {
        pg.stop();
        Thread.sleep(down);
        pg.start();
    }

    private WorkerProcess startWorker(String name) throws Exception {
        WorkerProcess w = new WorkerProcess(name, pg, DIR);
        workers.add(w);
        w.start();
        return w;
    }

    private void awaitReady(WorkerProcess... ws) throws Exception {
        for (WorkerProcess w : ws) {
            assertTrue(Backlog.await(READY_TIMEOUT, w::isReady), w + " not ready:\n" + w.logTail(30));
        }
    }
}
