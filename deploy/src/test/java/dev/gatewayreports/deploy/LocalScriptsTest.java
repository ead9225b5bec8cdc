package dev.gatewayreports.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The scripts in deploy/local: present, executable, strict bash, and syntactically valid. */
class LocalScriptsTest {

    private static final Path LOCAL = Path.of("local");

    @Test
    void shouldShipTheThreeCommands() {
        for (String script : List.of("up.sh", "down.sh", "token.sh")) {
            assertTrue(Files.isRegularFile(LOCAL.resolve(script)), "missing deploy/local/" + script);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyScriptIsStrictExecutableBash() throws IOException {
        List<Path> scripts;
        try (Stream<Path> files = Files.list(LOCAL)) {
            scripts = files.filter(f -> f.toString().endsWith(".sh")).sorted().toList();
        }
        return scripts.stream().map(script -> DynamicTest.dynamicTest(script.toString(), () -> check(script)));
    }

    private static void check(Path script) throws Exception {
        List<String> lines = Files.readAllLines(script, StandardCharsets.UTF_8);
        assertTrue(Files.isExecutable(script), script + " is not executable");
        assertEquals("#!/usr/bin/env bash", lines.get(0), script + ": first line");
        assertTrue(
                lines.stream().limit(15).anyMatch(line -> line.strip().equals("set -euo pipefail")),
                script + ": no `set -euo pipefail` near the top");
        Process bash = new ProcessBuilder("bash", "-n", script.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bash.waitFor(10, TimeUnit.SECONDS), script + ": bash -n timed out");
        assertEquals(0, bash.exitValue(), script + ": bash -n says " + output);
    }
}
