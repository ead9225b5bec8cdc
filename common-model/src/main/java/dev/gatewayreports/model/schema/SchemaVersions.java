package dev.gatewayreports.model.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Optional;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * The schema version a build needs and the one a database holds. Needed: the newest versioned migration on the class
 * path, as Flyway itself lists them (in a Quarkus build, from the list the Flyway extension recorded at build time,
 * so native images see the same files). Held: the newest successful versioned row of Flyway's history table, read
 * with a plain {@code select}: no DDL, no lock, nothing created when the table is absent.
 */
public final class SchemaVersions {
    static final String TABLE_EXISTS = "select to_regclass(?) is not null";
    static final String APPLIED = "select version from %s where success and version is not null";

    private SchemaVersions() {}

    /** The newest versioned migration Flyway finds with this configuration (e.g. {@code 19}). */
    public static MigrationVersion required(Configuration flyway) {
        String prefix = flyway.getSqlMigrationPrefix();
        String separator = flyway.getSqlMigrationSeparator();
        Collection<LoadableResource> resources =
                flyway.getResourceProvider().getResources(prefix, flyway.getSqlMigrationSuffixes());
        MigrationVersion newest = MigrationVersion.EMPTY;
        for (LoadableResource resource : resources) {
            Optional<MigrationVersion> version = versionOf(resource.getFilename(), prefix, separator);
            if (version.isPresent() && version.get().isNewerThan(newest)) {
                newest = version.get();
            }
        }
        if (newest == MigrationVersion.EMPTY) {
            throw new IllegalStateException("no versioned migrations (" + prefix + "<version>" + separator
                    + "<name>) found at " + java.util.Arrays.toString(flyway.getLocations()));
        }
        return newest;
    }

    /** The version in a migration's file name, {@code V17_1__quotas.sql} → 17.1; empty for any other file. */
    static Optional<MigrationVersion> versionOf(String filename, String prefix, String separator) {
        if (filename == null || !filename.startsWith(prefix)) {
            return Optional.empty();
        }
        int end = filename.indexOf(separator, prefix.length());
        if (end <= prefix.length()) {
            return Optional.empty();
        }
        String version = filename.substring(prefix.length(), end);
        if (!version.matches("[0-9]+([._][0-9]+)*")) {
            return Optional.empty();
        }
        return Optional.of(MigrationVersion.fromVersion(version));
    }

    /**
     * The newest successfully applied version in the history table {@code table} (optionally schema-qualified,
     * each part a plain identifier); {@link MigrationVersion#EMPTY} when the table does not exist or has none.
     */
    public static MigrationVersion current(Connection c, String table) throws SQLException {
        try (PreparedStatement exists = c.prepareStatement(TABLE_EXISTS)) {
            exists.setString(1, quoted(table));
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    return MigrationVersion.EMPTY;
                }
            }
        }
        MigrationVersion newest = MigrationVersion.EMPTY;
        try (PreparedStatement applied = c.prepareStatement(APPLIED.formatted(quoted(table)));
                ResultSet rs = applied.executeQuery()) {
            while (rs.next()) {
                MigrationVersion v = MigrationVersion.fromVersion(rs.getString(1));
                if (v.isNewerThan(newest)) {
                    newest = v;
                }
            }
        }
        return newest;
    }

    /** The history table's name as Flyway addresses it: {@code schema.table} when a default schema is set. */
    public static String historyTable(Configuration flyway) {
        String schema = flyway.getDefaultSchema();
        return schema == null || schema.isBlank() ? flyway.getTable() : schema + "." + flyway.getTable();
    }

    static String quoted(String table) {
        StringBuilder out = new StringBuilder();
        for (String part : table.split("\\.", -1)) {
            if (!part.matches("[A-Za-z_][A-Za-z0-9_$]*")) {
                throw new IllegalArgumentException("not a plain table name: " + table);
            }
            out.append(out.isEmpty() ? "" : ".").append('"').append(part).append('"');
        }
        return out.toString();
    }
}
