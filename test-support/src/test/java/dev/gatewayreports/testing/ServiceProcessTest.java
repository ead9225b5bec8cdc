package dev.gatewayreports.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which artifact a {@link ServiceProcess} runs: the native executable the pom names under {@code -Dnative}, else the
 * jar. No native executable can be built on this machine, so a shell script stands in for one.
 */
class ServiceProcessTest {
    @TempDir
    Path dir;

    @Test
    void shouldRunTheNativeExecutableWhenThePomNamesOne() throws Exception {
        Path runner = executable("report-api-0.1.0-SNAPSHOT-runner", "#!/bin/sh\n");
        Path jar = Files.writeString(dir.resolve("quarkus-run.jar"), "");
        Properties props = properties("report-api.runner", runner.toString(), "report-api.jar", jar.toString());

        assertEquals(
                List.of(runner.toAbsolutePath().toString(), "-Xmx384m"),
                ServiceProcess.command("report-api", "report-api.jar", props));
    }

    @Test
    void shouldRunTheJarWithTheCurrentJvmWithoutARunner() throws Exception {
        Path jar = Files.writeString(dir.resolve("quarkus-run.jar"), "");
        for (Properties props : List.of(
                properties("report-api.jar", jar.toString()),
                properties("report-api.jar", jar.toString(), "report-api.runner", " "))) {
            List<String> command = ServiceProcess.command("report-api", "report-api.jar", props);
            assertTrue(command.get(0).endsWith("java"), command.toString());
            assertEquals(
                    List.of("-jar", jar.toAbsolutePath().toString()),
                    command.subList(command.size() - 2, command.size()));
        }
    }

    @Test
    void shouldFailRatherThanFallBackToTheJarWhenTheNamedExecutableIsMissing() throws Exception {
        Path jar = Files.writeString(dir.resolve("quarkus-run.jar"), "");
        Properties props = properties(
                "scheduler-service.runner", dir.resolve("absent-runner").toString(), "scheduler.jar", jar.toString());

        IllegalStateException e = assertThrows(
                IllegalStateException.class, () -> ServiceProcess.command("scheduler-service", "scheduler.jar", props));
        assertTrue(e.getMessage().contains("scheduler-service.runner"), e.getMessage());
    }

    @Test
    void shouldFailWhenTheJarIsMissing() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> ServiceProcess.command("report-api", "report-api.jar", properties("report-api.jar", "nope.jar")));
        assertTrue(e.getMessage().contains("report-api.jar"), e.getMessage());
    }

    /** The executable really is what start() launches, with the settings and ports in its environment. */
    @Test
    void shouldStartTheNamedExecutableWithItsSettings() throws Exception {
        Path runner = executable("worker-runner", "#!/bin/sh\necho \"args=$* port=$QUARKUS_HTTP_PORT x=$X_SETTING\"\n");
        String previous = System.setProperty("fake-service.runner", runner.toString());
        try (ServiceProcess process = new ServiceProcess("fake-service", "fake-service.jar", dir.resolve("logs"))) {
            process.start(Map.of("X_SETTING", "42"));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            while (!process.logTail().contains("x=42") && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            String port = process.url().substring(process.url().lastIndexOf(':') + 1);
            assertEquals(
                    "args=-Xmx384m port=" + port + " x=42", process.logTail().strip());
        } finally {
            if (previous == null) {
                System.clearProperty("fake-service.runner");
            } else {
                System.setProperty("fake-service.runner", previous);
            }
        }
    }

    private Path executable(String name, String content) throws Exception {
        Path file = Files.writeString(dir.resolve(name), content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private static Properties properties(String... keyValues) {
        Properties props = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            props.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return props;
    }
}
