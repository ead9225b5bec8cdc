package dev.gatewayreports.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * The tests' PostgreSQL: the server named by {@code TEST_DATABASE_URL} (default the local server's {@code test}
 * database) when it answers, otherwise an embedded PostgreSQL from Maven Central, so the build needs only a JDK.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {
    private static final String URL = env("TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = env("TEST_DATABASE_USER", "postgres");
    private static final String PASSWORD = env("TEST_DATABASE_PASSWORD", "");

    private static volatile Map<String, String> started;

    private EmbeddedPostgres embedded;

    /**
     * The settings the last {@link #start()} in this JVM answered, for tests that reach the database without CDI
     * (a {@code @QuarkusIntegrationTest}: see {@link PackagedDatabase}); null before any start.
     */
    public static Map<String, String> startedSettings() {
        return started;
    }

    @Override
    public Map<String, String> start() {
        if (reachable()) {
            started = config(URL, USER, PASSWORD);
            return started;
        }
        try {
            embedded = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new IllegalStateException("no PostgreSQL at " + URL + " and the embedded one did not start", e);
        }
        started = config(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "");
        return started;
    }

    @Override
    public void stop() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                // The process is gone with the JVM anyway.
            }
        }
    }

    private static boolean reachable() {
        DriverManager.setLoginTimeout(3);
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD)) {
            return c.isValid(3);
        } catch (SQLException e) {
            return false;
        }
    }

    private static Map<String, String> config(String url, String user, String password) {
        return Map.of(
                "quarkus.datasource.jdbc.url", url,
                "quarkus.datasource.username", user,
                "quarkus.datasource.password", password);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
