package dev.gatewayreports.reportapi.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatewayreports.reportapi.errors.DatabaseFailures.Kind;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which failures are the database's state (503) and which are not (500), however deeply they are wrapped. */
class DatabaseFailuresTest {

    @Test
    void shouldTreatConnectionFailuresShutdownsAndFullServersAsUnavailable() {
        for (String state : new String[] {"08001", "08006", "08003", "57P01", "57P02", "57P03", "53300"}) {
            assertEquals(Optional.of(Kind.UNAVAILABLE), DatabaseFailures.classify(wrapped(sql(state))), state);
        }
    }

    @Test
    void shouldTreatAgroalAcquisitionTimeoutAsUnavailable() {
        // Agroal's own exception when no pooled connection came within acquisition-timeout: no SQLSTATE.
        assertEquals(
                Optional.of(Kind.UNAVAILABLE),
                DatabaseFailures.classify(wrapped(new SQLException("Sorry, acquisition timeout!"))));
    }

    @Test
    void shouldTreatStatementAndLockTimeoutsAsTimeouts() {
        assertEquals(Optional.of(Kind.TIMEOUT), DatabaseFailures.classify(wrapped(sql("57014"))));
        assertEquals(Optional.of(Kind.TIMEOUT), DatabaseFailures.classify(wrapped(sql("55P03"))));
    }

    @Test
    void shouldFindTheCauseInAChainedNextException() {
        SQLException batch = sql("22001");
        batch.setNextException(sql("08006"));
        assertEquals(Optional.of(Kind.UNAVAILABLE), DatabaseFailures.classify(batch));
    }

    @Test
    void shouldLeaveOtherFailuresToTheInternalErrorMapper() {
        assertEquals(Optional.empty(), DatabaseFailures.classify(wrapped(sql("23505"))));
        assertEquals(Optional.empty(), DatabaseFailures.classify(wrapped(new SQLException("boom"))));
        assertEquals(Optional.empty(), DatabaseFailures.classify(new IllegalStateException("no SQL at all")));
        RuntimeException loop = new RuntimeException("a cause cycle");
        RuntimeException other = new RuntimeException(loop);
        loop.initCause(other);
        assertEquals(Optional.empty(), DatabaseFailures.classify(loop));
    }

    private static SQLException sql(String state) {
        return new SQLException("state " + state, state);
    }

    /** As repositories and the engine wrap it, and Hibernate or a transaction wraps that again. */
    private static RuntimeException wrapped(SQLException e) {
        return new RuntimeException("transaction failed", new IllegalStateException("query failed", e));
    }
}
