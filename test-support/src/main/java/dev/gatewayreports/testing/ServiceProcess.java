package dev.gatewayreports.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * One packaged service as a child process on a free port, with its log in a file: its quarkus-run.jar, or, when the
 * build made native executables ({@code -Dnative}), the executable the pom names in the system property
 * {@code <name>.runner}.
 */
public final class ServiceProcess implements AutoCloseable {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final List<String> command;
    private final Path log;
    private final int port = freePort();
    private final int managementPort = freePort();
    private Process process;

    /**
     * The native executable named by {@code <name>.runner} when the pom sets it (its native profile), otherwise the
     * jar named by {@code jarProperty}; a missing artifact is a failure, not a skip.
     */
    public ServiceProcess(String name, String jarProperty, Path logDirectory) {
        this.name = name;
        this.command = command(name, jarProperty, System.getProperties());
        this.log = logDirectory.resolve(name + ".log");
    }

    /**
     * The command line of service {@code name}: {@code [runner, -Xmx384m]} when {@code properties} name a native
     * executable in {@code <name>.runner}, else the current JVM running the jar of {@code jarProperty} (C1 only and
     * a serial collector: the tests start services often and the CPUs are shared).
     */
    public static List<String> command(String name, String jarProperty, Properties properties) {
        String runner = properties.getProperty(name + ".runner");
        if (runner != null && !runner.isBlank()) {
            Path executable = Path.of(runner);
            if (!Files.isRegularFile(executable) || !Files.isExecutable(executable)) {
                throw new IllegalStateException(name + " native executable " + runner + " (system property " + name
                        + ".runner) is missing or not executable: build it with ./mvnw verify -Dnative");
            }
            return List.of(executable.toAbsolutePath().toString(), "-Xmx384m");
        }
        String jar = properties.getProperty(jarProperty);
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException(name + " jar " + jar + " (system property " + jarProperty
                    + ") is missing: run ./mvnw verify, which packages the services before their integration tests");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        return List.of(
                java,
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                Path.of(jar).toAbsolutePath().toString());
    }

    /** The command line {@link #start} runs. */
    public List<String> command() {
        return command;
    }

    public void start(Map<String, String> settings) throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("REPORTS_") || k.startsWith("OIDC_"));
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        env.putAll(settings);
        process = builder.start();
    }

    /** Waits until /q/health/ready (on the management port) answers 200; fails with the log's tail otherwise. */
    public void awaitReady(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                HttpRequest ready = HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2))
                        .build();
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + ":\n" + logTail());
    }

    /**
     * Waits for a process that is meant to end on its own (a migration run with {@code QUARKUS_INIT_AND_EXIT}) and
     * answers its exit code; fails with the log's tail if it is still running after {@code timeout}.
     */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " still running after " + timeout + ":\n" + logTail());
        }
        return process.exitValue();
    }

    /** The public port: the API only. */
    public String url() {
        return "http://localhost:" + port;
    }

    /** The management port of the packaged (prod) build: health, metrics, OpenAPI. */
    public String managementUrl() {
        return "http://localhost:" + managementPort;
    }

    /** The file name of this process's log (in the log directory given to the constructor). */
    public String logName() {
        return log.getFileName().toString();
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
