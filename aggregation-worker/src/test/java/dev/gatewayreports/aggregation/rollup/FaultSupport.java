package dev.gatewayreports.aggregation.rollup;

import io.agroal.api.AgroalDataSource;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Opens {@link RawEvents} and {@link RollupCheck} (package-private here) to the fault-injection tests in
 * {@code ..aggregation.faults}, which drive real worker processes instead of calling {@link RollupCycle}.
 */
public final class FaultSupport {
    private FaultSupport() {}

    /** Inserts {@code n} synthetic events of three teams between {@code from} and {@code to} as one ingest batch. */
    public static void insertBatch(
            AgroalDataSource ds,
            String org,
            String[] teams,
            int n,
            Instant from,
            Instant to,
            double seed,
            String requestIdPrefix)
            throws SQLException {
        RawEvents.insert(ds, org, teams, n, from, to, seed, requestIdPrefix);
    }

    /** Every rollup_model, rollup_api_key and rollup_error row of these teams equals SQL over the raw events. */
    public static void assertRollupsMatchRawEvents(AgroalDataSource ds, String[] teams) throws SQLException {
        RollupCheck.assertRollupsMatchRawEvents(ds, teams);
    }
}
