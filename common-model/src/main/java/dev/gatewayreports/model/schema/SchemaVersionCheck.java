package dev.gatewayreports.model.schema;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Readiness check {@code schema} of every service: DOWN until the database holds the newest migration this build
 * carries, so a pod that starts before the migration Job has finished waits unready instead of failing (or
 * crash-looping). A database ahead of the build (an old pod during a rolling update, after the Job applied a newer
 * migration) is UP: migrations are additive for the version before them. Its data names both versions. Reads only;
 * the runtime role needs no DDL right for it.
 */
@Readiness
@ApplicationScoped
public class SchemaVersionCheck implements HealthCheck {
    static final String NAME = "schema";

    private final DataSource dataSource;
    private final MigrationVersion required;
    private final String table;

    public SchemaVersionCheck(DataSource dataSource, Flyway flyway) {
        this.dataSource = dataSource;
        this.required = SchemaVersions.required(flyway.getConfiguration());
        this.table = SchemaVersions.historyTable(flyway.getConfiguration());
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named(NAME).withData("required", required.getVersion());
        try (Connection c = dataSource.getConnection()) {
            MigrationVersion current = SchemaVersions.current(c, table);
            return response.withData("current", current == MigrationVersion.EMPTY ? "none" : current.getVersion())
                    .status(current.compareTo(required) >= 0)
                    .build();
        } catch (SQLException e) {
            return response.withData("current", "unknown")
                    .withData("error", e.getClass().getSimpleName() + ": " + e.getMessage())
                    .down()
                    .build();
        }
    }
}
