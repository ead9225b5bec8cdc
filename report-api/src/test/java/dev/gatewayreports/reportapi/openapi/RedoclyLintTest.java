package dev.gatewayreports.reportapi.openapi;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Redocly CLI itself lints the served document with the module's {@code redocly.yaml}: no errors, and only the
 * warnings counted below. Needs {@code npx} and the npm registry; without {@code npx} it is skipped, and {@link OpenApiLintTest} still lints in Java.
 */
@QuarkusTest
class RedoclyLintTest {
    static final String REDOCLY = "@redocly/cli@2.77.0";

    /**
     * The warnings left, both deliberate: {@code info-license} (the project declares no license, so the document
     * cannot name one) and {@code no-server-example.com} (the default server is a local run's
     * {@code http://localhost:8080}; a deployment's build sets its public URL).
     */
    static final int WARNINGS = 2;

    @Test
    void shouldLintWithoutErrors() throws Exception {
        assumeTrue(onPath("npx"), "npx is not on the PATH: Redocly's lint is skipped (OpenApiLintTest still runs)");
        String document = given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Path file = Path.of("target/openapi-lint/openapi.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, document);

        Path out = Files.createTempFile("redocly", ".json");
        Process lint = new ProcessBuilder(
                        "npx",
                        "--yes",
                        REDOCLY,
                        "lint",
                        "--config",
                        "redocly.yaml",
                        "--format",
                        "json",
                        file.toString())
                .redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        assertTrue(lint.waitFor(5, TimeUnit.MINUTES), "Redocly did not finish in 5 minutes");
        String report = Files.readString(out, StandardCharsets.UTF_8);
        JsonNode totals = new ObjectMapper().readTree(report).path("totals");

        assertEquals(0, totals.path("errors").asInt(-1), report);
        assertEquals(WARNINGS, totals.path("warnings").asInt(-1), report);
        assertEquals(0, lint.exitValue(), report);
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
