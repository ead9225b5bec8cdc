package dev.gatewayreports.aggregation.faults;

import dev.gatewayreports.testing.FaultPostgres;
import dev.gatewayreports.testing.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One aggregation worker as a real OS process (the packaged quarkus-run.jar, or the native executable under
 * {@code -Dnative}), pointed at the fault tests' PostgreSQL. Each {@link #start()} is a new incarnation with its
 * own log file and its own {@code application_name} in pg_stat_activity.
 */
final class WorkerProcess {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    /** Every worker started by this JVM, so none outlives it when a test is cut short. */
    private static final Set<Process> STARTED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(Process::destroyForcibly)));
    }

    private final String name;
    private final FaultPostgres pg;
    private final Path logDirectory;
    private final List<Path> logs = new ArrayList<>();
    private int incarnation;
    private int httpPort;
    private int managementPort;
    private Process process;

    WorkerProcess(String name, FaultPostgres pg, Path logDirectory) {
        this.name = name;
        this.pg = pg;
        this.logDirectory = logDirectory;
    }

    void start() throws IOException {
        incarnation++;
        httpPort = FaultPostgres.freePort();
        managementPort = FaultPostgres.freePort();
        Path log = logDirectory.resolve(applicationName() + ".log");
        Files.createDirectories(logDirectory);
        ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(true);
        builder.redirectOutput(log.toFile());
        configure(builder.environment());
        process = builder.start();
        STARTED.add(process);
        logs.add(log);
    }

    private void configure(Map<String, String> env) {
        env.keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("AGGREGATION_") || k.startsWith("OIDC_"));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", pg.jdbcUrl(applicationName()));
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
        // The packaged (prod) build serves /q/health and /q/metrics on the management port only.
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        // The rollup endpoints' OIDC tenant is not what these tests are about, and there is no provider here.
        env.put("QUARKUS_OIDC_TENANT_ENABLED", "false");
        env.put("QUARKUS_FLYWAY_MIGRATE_AT_START", "false");
        env.put("QUARKUS_FLYWAY_VALIDATE_AT_START", "true");
        // One batch per transaction (a one-event budget): more transactions in flight, so a kill lands inside one
        // more often.
        env.put("AGGREGATION_EVENTS_PER_CYCLE", "1");
    }

    /** The packaged worker: its native executable under -Dnative (aggregation-worker.runner), else its jar. */
    private static List<String> command() {
        return ServiceProcess.command("aggregation-worker", "worker.jar", System.getProperties());
    }

    /** SIGKILL (destroyForcibly is kill -9 on Linux): no shutdown hook, no rollback by the worker itself. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException(applicationName() + " survived SIGKILL");
        }
    }

    /** A graceful stop (SIGTERM), forced after 20 s. */
    void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            kill9();
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Started, and its readiness check (which includes the database) answers UP. */
    boolean isReady() {
        if (!isAlive()) {
            return false;
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create("http://localhost:" + managementPort + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The name its database sessions carry, one per incarnation. */
    String applicationName() {
        return name + "-" + incarnation;
    }

    int incarnation() {
        return incarnation;
    }

    /** Lines of all its incarnations' logs that contain {@code fragment}. */
    long logLinesContaining(String fragment) throws IOException {
        long n = 0;
        for (Path log : logs) {
            try (var lines = Files.lines(log)) {
                n += lines.filter(l -> l.contains(fragment)).count();
            }
        }
        return n;
    }

    /** The last lines of the current incarnation's log, for failure messages. */
    String logTail(int lines) {
        if (logs.isEmpty()) {
            return "";
        }
        try {
            List<String> all = Files.readAllLines(logs.getLast());
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return applicationName() + (process == null ? "" : " pid " + process.pid());
    }
}
