package dev.gatewayreports.testing;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ConnectionValidator;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A PostgreSQL of the fault tests' own: embedded (zonky), on a fixed port and a data directory that survives
 * {@link #stop()}, so a test can take the database away under a running service and bring the same one back.
 * Used by aggregation-worker's {@code WorkerFaultsIT} (worker processes) and report-api's {@code DatabaseOutageTest}
 * (a {@code @QuarkusTest} whose datasource points here).
 *
 * <p>As root, zonky runs initdb, pg_ctl and postgres under {@code unshare -U} (a user namespace in which they are
 * not uid 0), which passes PostgreSQL's refusal to run as root; nothing is needed here for that.
 */
public final class FaultPostgres implements AutoCloseable {
    private final Path dataDirectory;
    private final Path log;
    private final int port;
    private EmbeddedPostgres server;

    private FaultPostgres(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.log = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log");
        this.port = port;
    }

    /** A new, empty cluster in {@code dataDirectory} (wiped first), on a free port; not migrated. */
    public static FaultPostgres startFresh(Path dataDirectory) throws IOException {
        deleteRecursively(dataDirectory);
        Files.createDirectories(dataDirectory.toAbsolutePath().getParent());
        FaultPostgres pg = new FaultPostgres(dataDirectory, freePort());
        Files.deleteIfExists(pg.log);
        pg.start();
        return pg;
    }

    /** Starts the server on the same data directory and port (after {@link #stop()}); nothing when it runs. */
    public void start() throws IOException {
        if (server != null) {
            return;
        }
        server = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory.toFile())
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(30))
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    /** A fast shutdown (pg_ctl stop -m fast): open sessions are terminated, their transactions rolled back. */
    public void stop() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    /** The JDBC URL a worker uses: its backends show {@code applicationName} in pg_stat_activity. */
    public String jdbcUrl(String applicationName) {
        return jdbcUrl() + "?ApplicationName=" + applicationName;
    }

    /** A small pool for the test's own writes and checks; it drops connections a restart has broken. */
    public AgroalDataSource pool(int maxSize) throws SQLException {
        return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.maxSize(maxSize)
                        .acquisitionTimeout(Duration.ofSeconds(10))
                        .validateOnBorrow(true)
                        .connectionValidator(ConnectionValidator.defaultValidator())
                        .connectionFactoryConfiguration(
                                factory -> factory.jdbcUrl(jdbcUrl()).principal(new NamePrincipal("postgres")))));
    }

    /** Lines of the server's log (all its runs) that contain {@code fragment}. */
    public long logLinesContaining(String fragment) throws IOException {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(l -> l.contains(fragment)).count();
        }
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
