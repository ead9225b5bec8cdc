package dev.gatewayreports.aggregation.faults;

import dev.gatewayreports.aggregation.rollup.FaultSupport;
import io.agroal.api.AgroalDataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Writes ingest batches as ingest does (events + one ingest_batch row, one transaction each) for a set of tenants:
 * mostly the last two hours, every fourth batch spread over three days, every fourth a late batch for days the
 * worker has already rolled up. Counts what it committed.
 */
final class EventWriter implements Runnable {
    /** One organization and the three teams its batches spread over. */
    record Tenant(String org, String[] teams) {
        static Tenant random() {
            String id = UUID.randomUUID().toString().substring(0, 8);
            return new Tenant(
                    "org_" + id, new String[] {"team_" + id + "_a", "team_" + id + "_b", "team_" + id + "_c"});
        }
    }

    private final AgroalDataSource ds;
    private final Tenant[] tenants;
    private final int batches;
    private final int eventsPerBatch;
    private final Duration pause;
    private final Instant now;
    private final double seedBase;
    private final AtomicLong committedEvents = new AtomicLong();
    private final AtomicLong committedBatches = new AtomicLong();
    private volatile Exception failure;
    private volatile Duration elapsed = Duration.ZERO;
    private BooleanSupplier extendWhile = () -> false;

    EventWriter(AgroalDataSource ds, Tenant[] tenants, int batches, int eventsPerBatch, Duration pause, Instant now) {
        this.ds = ds;
        this.tenants = tenants;
        this.batches = batches;
        this.eventsPerBatch = eventsPerBatch;
        this.pause = pause;
        this.now = now;
        this.seedBase = Math.random() * 0.5;
    }

    @Override
    public void run() {
        long t0 = System.nanoTime();
        try {
            for (int i = 0; i < batches || (i < 3 * batches && extendWhile.getAsBoolean()); i++) {
                writeBatch(i);
                Thread.sleep(pause);
            }
        } catch (SQLException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            elapsed = Duration.ofNanos(System.nanoTime() - t0);
        }
    }

    /** Makes {@link #run()} go on past its batches (up to three times as many) while {@code condition} holds. */
    void extendWhile(BooleanSupplier condition) {
        this.extendWhile = condition;
    }

    /** Writes batch number {@code i} of this writer (usable outside {@link #run()} too). */
    void writeBatch(int i) throws SQLException {
        Tenant tenant = tenants[i % tenants.length];
        Instant from = switch (i % 4) {
            case 1 -> now.minus(Duration.ofDays(3));
            case 3 -> now.minus(Duration.ofDays(8)).plus(Duration.ofHours(i % 24));
            default -> now.minus(Duration.ofHours(2));
        };
        Instant to = switch (i % 4) {
            case 1 -> now;
            case 3 -> from.plus(Duration.ofDays(2));
            default -> now;
        };
        double seed = seedBase + 0.4 * i / (i + 50.0);
        FaultSupport.insertBatch(
                ds, tenant.org(), tenant.teams(), eventsPerBatch, from, to, seed, UUID.randomUUID() + "-" + i);
        committedEvents.addAndGet(eventsPerBatch);
        committedBatches.incrementAndGet();
    }

    long committedEvents() {
        return committedEvents.get();
    }

    /** How long {@link #run()} took. */
    Duration elapsed() {
        return elapsed;
    }

    long committedBatches() {
        return committedBatches.get();
    }

    /** Throws what stopped the writer, if anything did. */
    void rethrowFailure() throws Exception {
        if (failure != null) {
            throw failure;
        }
    }
}
