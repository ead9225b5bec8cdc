package dev.gatewayreports.reportapi.faults;

import dev.gatewayreports.testing.FaultPostgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * report-api on a PostgreSQL of its own (embedded, restartable: {@link FaultPostgres}) that a test can stop and
 * start under the running service, with a short statement timeout so a blocked statement is cut off in seconds.
 */
public class OwnPostgres implements QuarkusTestProfile {
    static final String STATEMENT_TIMEOUT = "2s";

    private static volatile FaultPostgres pg;

    /** The running profile's server. */
    static FaultPostgres server() {
        return pg;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "reports.database.statement-timeout", STATEMENT_TIMEOUT,
                "reports.database.retry-after-seconds", "7",
                // Recovery is what these tests are about: a short wait for a pooled connection keeps them quick.
                "quarkus.datasource.jdbc.acquisition-timeout", "3S");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Resource.class));
    }

    /** Starts the server before report-api (which migrates it) and points the datasource at it. */
    public static class Resource implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try {
                pg = FaultPostgres.startFresh(Path.of("target", "faults", "report-api-pg"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of(
                    "quarkus.datasource.jdbc.url", pg.jdbcUrl("report-api"),
                    "quarkus.datasource.username", "postgres",
                    "quarkus.datasource.password", "");
        }

        @Override
        public void stop() {
            try {
                if (pg != null) {
                    pg.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
