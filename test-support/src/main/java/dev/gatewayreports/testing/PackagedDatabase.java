package dev.gatewayreports.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * Plain JDBC for {@code @QuarkusIntegrationTest}s, which run in another process than the packaged service and have no
 * CDI: connections to the database {@link PostgresTestResource} gave that service (Quarkus passes a test resource's
 * settings to the launched artifact as system properties).
 */
public final class PackagedDatabase {
    private PackagedDatabase() {}

    /** A new connection to the packaged service's database; the caller closes it. */
    public static Connection connect() throws SQLException {
        Map<String, String> s = settings();
        return DriverManager.getConnection(
                s.get("quarkus.datasource.jdbc.url"),
                s.get("quarkus.datasource.username"),
                s.get("quarkus.datasource.password"));
    }

    /** The JDBC URL, user and password the packaged service was given. */
    public static Map<String, String> settings() {
        Map<String, String> s = PostgresTestResource.startedSettings();
        if (s == null) {
            throw new IllegalStateException("PostgresTestResource has not started: declare it on the test");
        }
        return s;
    }
}
