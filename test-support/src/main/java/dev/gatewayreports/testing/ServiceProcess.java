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
import java.util.concurrent.TimeUnit;

/** One packaged service (its quarkus-run.jar) as a child process on a free port, with its log in a file. */
public final class ServiceProcess implements AutoCloseable {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final Path jar;
    private final Path log;
    private final int port = freePort();
    private final int managementPort = freePort();
    private Process process;

    /** The jar named by a system property the pom sets; missing is a failure, not a skip. */
    public ServiceProcess(String name, String jarProperty, Path logDirectory) {
        this.name = name;
        String path = System.getProperty(jarProperty);
        if (path == null || !Files.isRegularFile(Path.of(path))) {
            throw new IllegalStateException(name + " jar " + path + " (system property " + jarProperty
                    + ") is missing: run ./mvnw verify, which packages the services before their integration tests");
        }
        this.jar = Path.of(path);
        this.log = logDirectory.resolve(name + ".log");
    }

    public void start(Map<String, String> settings) throws IOException {
        Files.createDirectories(log.getParent());
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        java, "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
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
