package dev.gatewayreports.model.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;
import org.junit.jupiter.api.Test;

/** The version a build needs is read from its migration files, compared as versions (17.1 after 17, 10 after 9). */
class SchemaVersionsTest {
    @Test
    void shouldParseVersionsFromMigrationFileNames() {
        assertEquals(
                MigrationVersion.fromVersion("17.1"),
                SchemaVersions.versionOf("V17_1__quotas.sql", "V", "__").orElseThrow());
        assertEquals(
                "3",
                SchemaVersions.versionOf("V3__usage_event.sql", "V", "__")
                        .orElseThrow()
                        .getVersion());
        assertTrue(SchemaVersions.versionOf("R__views.sql", "V", "__").isEmpty());
        assertTrue(SchemaVersions.versionOf("V__nothing.sql", "V", "__").isEmpty());
        assertTrue(SchemaVersions.versionOf("Vx__bad.sql", "V", "__").isEmpty());
        assertTrue(SchemaVersions.versionOf("README.md", "V", "__").isEmpty());
    }

    @Test
    void shouldRequireTheNewestVersionByNumberNotByText() {
        var config = Flyway.configure()
                .resourceProvider(files("V9__a.sql", "V10__b.sql", "V17__c.sql", "V17_1__d.sql", "V2__e.sql"));
        assertEquals(MigrationVersion.fromVersion("17.1"), SchemaVersions.required(config));
        assertThrows(
                IllegalStateException.class,
                () -> SchemaVersions.required(Flyway.configure().resourceProvider(files("R__only_repeatable.sql"))));
    }

    /** The real migrations of this module: the newest file is what the services require. */
    @Test
    void shouldRequireTheNewestMigrationInThisModule() throws IOException, URISyntaxException {
        Path dir = Path.of(getClass().getResource("/db/migration").toURI());
        List<String> names;
        try (Stream<Path> files = Files.list(dir)) {
            names = files.map(p -> p.getFileName().toString()).toList();
        }
        int newestMajor = names.stream()
                .filter(n -> n.matches("V[0-9]+(_[0-9]+)?__.*\\.sql"))
                .mapToInt(n -> Integer.parseInt(n.substring(1).split("[_]")[0]))
                .max()
                .orElseThrow();
        MigrationVersion required =
                SchemaVersions.required(Flyway.configure().resourceProvider(files(names.toArray(String[]::new))));
        assertEquals(newestMajor, required.getMajor().intValue());
    }

    @Test
    void shouldQuoteOnlyPlainTableNames() {
        assertEquals("\"flyway_schema_history\"", SchemaVersions.quoted("flyway_schema_history"));
        assertEquals("\"app\".\"flyway_schema_history\"", SchemaVersions.quoted("app.flyway_schema_history"));
        assertThrows(IllegalArgumentException.class, () -> SchemaVersions.quoted("x; drop table y"));
    }

    private static ResourceProvider files(String... names) {
        return new ResourceProvider() {
            @Override
            public LoadableResource getResource(String name) {
                return null;
            }

            @Override
            public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
                return Arrays.stream(names)
                        .filter(n -> n.startsWith(prefix))
                        .map(SchemaVersionsTest::resource)
                        .toList();
            }
        };
    }

    private static LoadableResource resource(String name) {
        return new LoadableResource() {
            @Override
            public Reader read() {
                return new StringReader("");
            }

            @Override
            public String getAbsolutePath() {
                return name;
            }

            @Override
            public String getAbsolutePathOnDisk() {
                return name;
            }

            @Override
            public String getFilename() {
                return name;
            }

            @Override
            public String getRelativePath() {
                return name;
            }
        };
    }
}
