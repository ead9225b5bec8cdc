package dev.gatewayreports.deploy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The database for a local run: a Postgres already listening on 127.0.0.1:5432 (user postgres, database postgres)
 * if there is one, else an embedded Postgres (zonky) with its data kept under the state directory. Either way the
 * database {@value #DATABASE} is created if absent.
 */
final class LocalPostgres implements AutoCloseable {

    static final String DATABASE = "gateway_reports";
    static final String USER = "postgres";
    static final String PASSWORD = "postgres";
    private static final String EXISTING_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    private final EmbeddedPostgres embedded;
    private final String host;
    private final int port;
    private boolean createdDatabase;

    private LocalPostgres(EmbeddedPostgres embedded, String host, int port) {
        this.embedded = embedded;
        this.host = host;
        this.port = port;
    }

    /** Uses the Postgres on 5432 unless {@code forceEmbedded} or it does not answer; then starts an embedded one. */
    static LocalPostgres start(Path dataDir, int embeddedPort, boolean forceEmbedded) throws IOException, SQLException {
        if (!forceEmbedded && acceptsConnections()) {
            LocalPostgres existing = new LocalPostgres(null, "127.0.0.1", 5432);
            existing.createDatabase();
            return existing;
        }
        EmbeddedPostgres embedded = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(embeddedPort)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setRegisterShutdownHook(false) // LocalEnvironment's hook closes it, after the env file is gone
                .start();
        LocalPostgres started = new LocalPostgres(embedded, "127.0.0.1", embedded.getPort());
        started.createDatabase();
        return started;
    }

    /** Drops {@value #DATABASE} on the Postgres at 127.0.0.1:5432, closing its open connections first. */
    static void dropFromExisting() throws SQLException {
        try (Connection connection = DriverManager.getConnection(EXISTING_URL, USER, PASSWORD);
                Statement drop = connection.createStatement()) {
            drop.execute("drop database if exists " + DATABASE + " with (force)");
        }
    }

    private static boolean acceptsConnections() {
        DriverManager.setLoginTimeout(3);
        try (Connection ignored = DriverManager.getConnection(EXISTING_URL, USER, PASSWORD)) {
            return true;
        } catch (SQLException e) {
            System.out.println(
                    "No usable Postgres on 127.0.0.1:5432 (" + e.getMessage() + "); starting an embedded one");
            return false;
        }
    }

    /** Creates the database unless it exists (remembered for {@link #createdDatabase()}). */
    private void createDatabase() throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
                PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("create database " + DATABASE);
            }
            createdDatabase = true;
        }
    }

    /** Whether this start created the database, i.e. it is empty. */
    boolean createdDatabase() {
        return createdDatabase;
    }

    boolean isEmbedded() {
        return embedded != null;
    }

    String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
