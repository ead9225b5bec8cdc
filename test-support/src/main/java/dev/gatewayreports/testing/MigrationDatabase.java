package dev.gatewayreports.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * The tests' PostgreSQL ({@link PostgresTestResource}) reached with plain JDBC, without Quarkus: for the migration
 * tests, which migrate a schema of their own step by step with Flyway and check it with SQL. {@link #start()} it
 * before the tests ({@code @BeforeAll}) and {@link #stop()} it after them.
 */
public final class MigrationDatabase {
    private final PostgresTestResource resource = new PostgresTestResource();
    private Map<String, String> settings;

    public void start() {
        settings = resource.start();
    }

    public void stop() {
        resource.stop();
    }

    public String url() {
        return setting("quarkus.datasource.jdbc.url");
    }

    public String user() {
        return setting("quarkus.datasource.username");
    }

    public String password() {
        return setting("quarkus.datasource.password");
    }

    /** A new connection to the database, in its default schema. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user(), password());
    }

    /** A new connection whose {@code search_path} is the schema (which need not exist yet). */
    public Connection connect(String schema) throws SQLException {
        Connection c = connect();
        execute(c, "set search_path = " + schema);
        return c;
    }

    /** Flyway over the product's migrations in {@code schema}, up to version {@code target}. */
    public Flyway flyway(String schema, String target) {
        return Flyway.configure()
                .dataSource(url(), user(), password())
                .schemas(schema)
                .locations("classpath:db/migration")
                .placeholders(Map.of("runtime_role", "none"))
                .target(target)
                .load();
    }

    /** Drops the schema and everything in it, if it exists. */
    public void dropSchema(String schema) throws SQLException {
        try (Connection c = connect()) {
            execute(c, "drop schema if exists " + schema + " cascade");
        }
    }

    /** Runs SQL text (one statement or several) as it is. */
    public static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The rows of a query, each the list of its columns' values as the driver answers them. */
    public static List<List<Object>> rows(Connection c, String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private String setting(String name) {
        if (settings == null) {
            throw new IllegalStateException("MigrationDatabase.start() was not called");
        }
        return settings.get(name);
    }
}
