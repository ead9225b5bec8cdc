package dev.gatewayreports.model.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The one way plain-JDBC code here runs a transaction: commit when the work returns, roll back when it throws, and
 * hand the connection back as it was (auto-commit on, its isolation level). A failed rollback (the connection is
 * gone) never hides the work's own failure: it is attached to it as suppressed.
 *
 * <p>For the engine, the rollup fold and the services' JDBC repositories, which run their SQL on a pooled
 * connection without JTA; CDI services with {@code @Transactional} do not need it.
 */
public final class Transactions {
    private Transactions() {}

    /** Work on one connection inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Work that answers nothing. */
    @FunctionalInterface
    public interface VoidWork {
        void run(Connection c) throws SQLException;
    }

    /** Takes a connection from {@code dataSource}, runs {@code work} in one transaction on it, and closes it. */
    public static <T> T inTransaction(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return inTransaction(c, work);
        }
    }

    /** Runs {@code work} in one transaction on {@code c} at the connection's isolation level. */
    public static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
        return inTransaction(c, c.getTransactionIsolation(), work);
    }

    /** Runs {@code work} in one transaction on {@code c} at {@code isolation}, then restores the previous level. */
    public static <T> T inTransaction(Connection c, int isolation, Work<T> work) throws SQLException {
        int previous = c.getTransactionIsolation();
        c.setAutoCommit(false);
        T result;
        try {
            if (isolation != previous) {
                c.setTransactionIsolation(isolation);
            }
            result = work.run(c);
            c.commit();
        } catch (SQLException | RuntimeException | Error e) {
            rollback(c, e);
            try {
                restore(c, previous);
            } catch (SQLException | RuntimeException restoreFailure) {
                e.addSuppressed(restoreFailure);
            }
            throw e;
        }
        restore(c, previous);
        return result;
    }

    /** {@link #inTransaction(Connection, int, Work)} for work that answers nothing. */
    public static void inTransaction(Connection c, int isolation, VoidWork work) throws SQLException {
        inTransaction(c, isolation, (Work<Void>) conn -> {
            work.run(conn);
            return null;
        });
    }

    /**
     * Sets the setting {@code name} to {@code value} until the current transaction ends ({@code SET LOCAL}, with bound
     * values): outside a transaction it would last only for its own statement.
     */
    public static void setLocal(Connection c, String name, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select set_config(?, ?, true)")) {
            ps.setString(1, name);
            ps.setString(2, value);
            ps.execute();
        }
    }

    private static void rollback(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static void restore(Connection c, int isolation) throws SQLException {
        if (c.isClosed()) {
            return;
        }
        c.setAutoCommit(true);
        if (c.getTransactionIsolation() != isolation) {
            c.setTransactionIsolation(isolation);
        }
    }
}
