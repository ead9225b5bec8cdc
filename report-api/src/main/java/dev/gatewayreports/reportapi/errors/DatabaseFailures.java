package dev.gatewayreports.reportapi.errors;

import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises a failure that is the database's state, not the request's: PostgreSQL unreachable, restarting or out
 * of connections, the pool unable to hand out a connection in time, or a statement cancelled by
 * {@code statement_timeout}. Looks through the whole cause chain, since repositories and the engine wrap their
 * {@link SQLException} (in {@link IllegalStateException}, Hibernate's JDBCException, a transaction exception…).
 */
public final class DatabaseFailures {
    /** What kind of database trouble a failure is. */
    public enum Kind {
        /** Unreachable, shutting down, starting up, out of connections, or no pooled connection in time. */
        UNAVAILABLE,
        /** A statement ran longer than {@code statement_timeout} (or waited longer than {@code lock_timeout}). */
        TIMEOUT
    }

    /**
     * SQLSTATEs of a database that is away or busy: 53300 too_many_connections, 57P01 admin_shutdown, 57P02
     * crash_shutdown, 57P03 cannot_connect_now (starting up or in recovery). Class 08 (connection exceptions) is
     * matched by its prefix.
     */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("53300", "57P01", "57P02", "57P03");

    /** 57014 query_canceled (what statement_timeout raises), 55P03 lock_not_available (lock_timeout). */
    private static final Set<String> TIMEOUT_STATES = Set.of("57014", "55P03");

    /** Agroal's message when no connection could be had within {@code acquisition-timeout}; it has no SQLSTATE. */
    private static final String AGROAL_ACQUISITION_TIMEOUT = "acquisition timeout";

    private static final int MAX_DEPTH = 32;

    private DatabaseFailures() {}

    /** The kind of database trouble behind {@code failure}, if that is what it is. */
    public static Optional<Kind> classify(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH && seen.put(t, Boolean.TRUE) == null; depth++) {
            if (t instanceof SQLException sql) {
                Optional<Kind> kind = ofSqlException(sql);
                if (kind.isPresent()) {
                    return kind;
                }
            }
            t = t.getCause();
        }
        return Optional.empty();
    }

    private static Optional<Kind> ofSqlException(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            String state = s.getSQLState();
            if (state != null && (state.startsWith("08") || UNAVAILABLE_STATES.contains(state))) {
                return Optional.of(Kind.UNAVAILABLE);
            }
            if (state != null && TIMEOUT_STATES.contains(state)) {
                return Optional.of(Kind.TIMEOUT);
            }
            if (state == null
                    && s.getMessage() != null
                    && s.getMessage().toLowerCase(java.util.Locale.ROOT).contains(AGROAL_ACQUISITION_TIMEOUT)) {
                return Optional.of(Kind.UNAVAILABLE);
            }
            if (s.getNextException() == s) {
                break;
            }
        }
        return Optional.empty();
    }
}
