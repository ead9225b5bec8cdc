package dev.gatewayreports.aggregation.rollup;

import io.agroal.api.AgroalDataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/** A dataset for engine tests: events around the 2024 autumn DST changes, folded into rollups. */
public final class EquivalenceData {
    private EquivalenceData() {}

    /** Inserts events of the teams over [from, from + days) (plus a late batch) and folds them. */
    public static void load(AgroalDataSource ds, RollupCycle cycle, String org, String[] teams, Instant from, int days)
            throws SQLException {
        String run = java.util.UUID.randomUUID().toString();
        Duration span = Duration.ofDays(days);
        RawEvents.insert(ds, org, teams, 12_000, from, from.plus(span), 0.42, run + "a");
        drain(cycle);
        RawEvents.insert(
                ds, org, teams, 4_000, from.plus(Duration.ofDays(10)), from.plus(Duration.ofDays(16)), 0.17, run + "b");
        RawEvents.insert(ds, org, teams, 2_000, from, from.plus(span), 0.91, run + "c");
        drain(cycle);
    }

    /** Like {@link #load}, but the later batches stay pending: the worker has not caught up yet. */
    public static void loadPartlyFolded(
            AgroalDataSource ds, RollupCycle cycle, String org, String[] teams, Instant from, int days)
            throws SQLException {
        String run = java.util.UUID.randomUUID().toString();
        Duration span = Duration.ofDays(days);
        RawEvents.insert(ds, org, teams, 6_000, from, from.plus(span), 0.42, run + "a");
        drain(cycle);
        for (int i = 0; i < 8; i++) {
            RawEvents.insert(ds, org, teams, 500, from, from.plus(span), 0.3 + i / 10.0, run + "p" + i);
        }
    }

    public static void drain(RollupCycle cycle) throws SQLException {
        while (cycle.runOnce(100_000, () -> {}) >= 0) {
            // until nothing is pending
        }
    }
}
