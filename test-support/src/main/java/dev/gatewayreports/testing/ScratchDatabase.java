package dev.gatewayreports.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A database of its own for a test that starts packaged services, created beside the test database (same server,
 * same user) and dropped afterwards. Needed where other processes may still work on the shared test database: a
 * {@code @QuarkusIntegrationTest} keeps its launched service running until the test JVM ends, and a second
 * scheduler-service on the same tables claims and sends another test's due deliveries (its replicas cooperate).
 */
public final class ScratchDatabase implements AutoCloseable {
    private final Map<String, String> shared;
    private final String name;
    private final Map<String, String> settings;

    private ScratchDatabase(Map<String, String> shared, String name) {
        this.shared = shared;
        this.name = name;
        this.settings = new HashMap<>(shared);
        settings.put("quarkus.datasource.jdbc.url", withDatabase(shared.get("quarkus.datasource.jdbc.url"), name));
    }

    /** Creates {@code <prefix>_<random>} with the credentials of {@code shared} (the test resource's settings). */
    public static ScratchDatabase create(Map<String, String> shared, String prefix) throws SQLException {
        String name =
                prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Statement s = connect(shared).createStatement()) {
            s.execute("create database " + name);
        }
        return new ScratchDatabase(shared, name);
    }

    /** The shared settings with the JDBC URL pointing at this database. */
    public Map<String, String> settings() {
        return Map.copyOf(settings);
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = connect(shared);
                Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
        }
    }

    static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String rest = query < 0 ? "" : url.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + rest;
    }

    private static Connection connect(Map<String, String> shared) throws SQLException {
        return DriverManager.getConnection(
                shared.get("quarkus.datasource.jdbc.url"),
                shared.get("quarkus.datasource.username"),
                shared.get("quarkus.datasource.password"));
    }
}
