package dev.gatewayreports.benchmarks;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * The benchmark's own database: made fresh by run.sh ({@code BenchDatabase reset|ensure <jdbc-url> [user]}), and
 * the connections the benchmark reads it with.
 */
final class BenchDatabase {

    static final String PENDING = """
            select count(*), coalesce(sum(event_count), 0) from ingest_batch where rolled_up_at is null""";
    static final String FOLDED = """
            select coalesce(sum(event_count), 0) from ingest_batch where rolled_up_at is not null""";

    private BenchDatabase() {}

    /** {@code reset}: drop (forcing off any session) and create; {@code ensure}: create when absent. */
    public static void main(String[] args) throws SQLException {
        if (args.length < 2 || !(args[0].equals("reset") || args[0].equals("ensure"))) {
            System.err.println("usage: BenchDatabase reset|ensure <jdbc-url> [user]");
            System.exit(2);
        }
        String url = args[1];
        String user = args.length > 2 ? args[2] : "postgres";
        int slash = url.lastIndexOf('/');
        String name = url.substring(slash + 1).replaceAll("\\?.*", "");
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("unexpected database name " + name);
        }
        String admin = url.substring(0, slash + 1) + "postgres";
        try (Connection c = DriverManager.getConnection(admin, properties(user));
                Statement s = c.createStatement()) {
            if (args[0].equals("reset")) {
                s.execute("drop database if exists " + name + " with (force)");
            }
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
                if (!rs.next()) {
                    s.execute("create database " + name);
                    System.out.println("created database " + name);
                    return;
                }
            }
            System.out.println("database " + name + " exists (kept)");
        }
    }

    static Connection connect(BenchArgs args) throws SQLException {
        return DriverManager.getConnection(args.jdbcUrl(), properties(args.dbUser()));
    }

    /** A small pool of the kind the services use (Agroal), so a query is not timed with a connection set-up. */
    static AgroalDataSource pool(BenchArgs args, int size) throws SQLException {
        var config = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.maxSize(size)
                        .initialSize(size)
                        .acquisitionTimeout(Duration.ofSeconds(30))
                        .connectionFactoryConfiguration(factory ->
                                factory.jdbcUrl(args.jdbcUrl()).principal(new NamePrincipal(args.dbUser()))));
        return AgroalDataSource.from(config);
    }

    /** Pending ingest batches and the events they hold. */
    static long[] pending(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(PENDING)) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    /** Events in batches already rolled up. */
    static long folded(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(FOLDED)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Properties properties(String user) {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("ApplicationName", "gateway-reports-benchmark");
        return p;
    }
}
