package dev.gatewayreports.model.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.testing.PostgresTestResource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link Transactions} on a real PostgreSQL: what another connection sees, and the connection handed back. */
class TransactionsTest {
    private static final PostgresTestResource POSTGRES = new PostgresTestResource();
    private static final String TABLE =
            "transactions_test_" + UUID.randomUUID().toString().replace("-", "");
    private static Map<String, String> db;

    @BeforeAll
    static void createTable() throws SQLException {
        db = POSTGRES.start();
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("create table " + TABLE + " (id text primary key)");
        }
    }

    @AfterAll
    static void dropTable() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("drop table if exists " + TABLE);
        }
        POSTGRES.stop();
    }

    @Test
    void shouldCommitWhatTheWorkWroteAndAnswerItsResult() throws SQLException {
        try (Connection c = connect()) {
            int inserted = Transactions.inTransaction(c, conn -> insert(conn, "committed"));
            assertEquals(1, inserted);
        }
        assertEquals(1, countFromAnotherConnection("committed"));
    }

    @Test
    void shouldRollBackWhenTheWorkThrowsAndRethrowTheSameFailure() throws SQLException {
        IllegalStateException failure = new IllegalStateException("work failed");
        try (Connection c = connect()) {
            IllegalStateException thrown = assertThrows(
                    IllegalStateException.class,
                    () -> Transactions.inTransaction(c, conn -> {
                        insert(conn, "rolled-back");
                        throw failure;
                    }));
            assertSame(failure, thrown);
            assertTrue(c.getAutoCommit(), "auto-commit restored after a failure");
        }
        assertEquals(0, countFromAnotherConnection("rolled-back"));
    }

    @Test
    void shouldRunAtTheIsolationGivenAndHandTheConnectionBackAsItWas() throws SQLException {
        try (Connection c = connect()) {
            int before = c.getTransactionIsolation();
            assertEquals(Connection.TRANSACTION_READ_COMMITTED, before);
            String inside = Transactions.inTransaction(c, Connection.TRANSACTION_REPEATABLE_READ, conn -> {
                try (Statement s = conn.createStatement();
                        ResultSet rs = s.executeQuery("show transaction_isolation")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertEquals("repeatable read", inside);
            assertTrue(c.getAutoCommit());
            assertEquals(before, c.getTransactionIsolation());
        }
    }

    @Test
    void shouldKeepTheWorkFailureWhenTheRollbackFailsToo() throws SQLException {
        SQLException failure = new SQLException("work failed");
        try (Connection c = connect()) {
            SQLException thrown = assertThrows(
                    SQLException.class,
                    () -> Transactions.inTransaction(c, conn -> {
                        insert(conn, "lost-connection");
                        conn.close();
                        throw failure;
                    }));
            assertSame(failure, thrown);
            assertEquals(1, thrown.getSuppressed().length, "the failed rollback, attached");
        }
        assertEquals(0, countFromAnotherConnection("lost-connection"));
    }

    private static int insert(Connection c, String id) throws SQLException {
        try (Statement s = c.createStatement()) {
            return s.executeUpdate("insert into " + TABLE + " (id) values ('" + id + "')");
        }
    }

    private static int countFromAnotherConnection(String id) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from " + TABLE + " where id = '" + id + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(
                db.get("quarkus.datasource.jdbc.url"),
                db.get("quarkus.datasource.username"),
                db.get("quarkus.datasource.password"));
    }
}
