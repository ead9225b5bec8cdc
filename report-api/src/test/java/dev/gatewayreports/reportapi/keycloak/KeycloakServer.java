package dev.gatewayreports.reportapi.keycloak;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewayreports.testing.ServiceProcess;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A real Keycloak (the distribution Maven unpacked under target/) as a child process: {@code kc.sh start-dev} with an
 * in-memory H2 store, the project's realm imported at start, on free ports of 127.0.0.1. The realm's placeholders
 * (organizations, teams, the users' password, the scheduler's client secret) are filled from this object's values,
 * fresh per run. {@link #close()} (and, should the JVM end first, a shutdown hook) kills the whole process tree.
 */
final class KeycloakServer implements AutoCloseable {
    static final String REALM = "gateway-reports";
    private static final String REALM_RESOURCE = "/keycloak/" + REALM + "-realm.json";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Path home;
    private final Path log;
    private final Map<String, String> placeholders;
    private final int port = ServiceProcess.freePort();
    private final Thread killer = new Thread(this::kill, "keycloak-killer");
    private Process process;
    private Instant started;
    private Duration startup;

    /**
     * @param homeProperty the system property (set by the pom) naming the unpacked distribution; missing is a failure
     * @param placeholders values of the realm file's {@code ${...}} placeholders
     */
    KeycloakServer(String homeProperty, Path logDirectory, Map<String, String> placeholders) {
        String path = System.getProperty(homeProperty);
        if (path == null || !Files.isRegularFile(Path.of(path, "bin", "kc.sh"))) {
            throw new IllegalStateException("Keycloak distribution " + path + " (system property " + homeProperty
                    + ") is missing: run ./mvnw verify, which unpacks it in pre-integration-test");
        }
        if (Runtime.version().feature() < 21) {
            throw new IllegalStateException("Keycloak needs a JDK 21 or newer; this test runs on " + Runtime.version()
                    + " (set JAVA_HOME to a JDK 21+)");
        }
        this.home = Path.of(path).toAbsolutePath();
        this.log = logDirectory.toAbsolutePath().resolve("keycloak.log");
        this.placeholders = Map.copyOf(placeholders);
    }

    /** Starts {@code kc.sh start-dev --import-realm} with the realm; {@link #awaitReady} waits for it. */
    void start() throws IOException {
        Path imports = home.resolve("data/import");
        Files.createDirectories(imports);
        try (var old = Files.list(imports)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        try (InputStream realm = KeycloakServer.class.getResourceAsStream(REALM_RESOURCE)) {
            if (realm == null) {
                throw new IllegalStateException(REALM_RESOURCE + " is not on the test class path");
            }
            Files.copy(realm, imports.resolve(REALM + "-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        "bash",
                        home.resolve("bin/kc.sh").toString(),
                        "start-dev",
                        "--db=dev-mem",
                        "--import-realm",
                        "--http-host=127.0.0.1",
                        "--http-port=" + port,
                        "--http-management-port=" + ServiceProcess.freePort()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("KC_") || k.startsWith("KEYCLOAK_") || k.startsWith("JAVA_OPTS"));
        // The JDK running this test (Keycloak needs 21+); a small heap, C1 only and the serial collector: it
        // starts faster on two cores and lives for one test class.
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put(
                "JAVA_OPTS",
                "-Xms64m -Xmx512m -XX:MaxMetaspaceSize=256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
                        + " -XX:+ExitOnOutOfMemoryError -Dfile.encoding=UTF-8 -Djava.security.egd=file:/dev/urandom");
        env.putAll(placeholders);
        started = Instant.now();
        process = builder.start();
        Runtime.getRuntime().addShutdownHook(killer);
    }

    /** Waits until the realm's discovery document answers; fails with the log's tail when Keycloak dies or is slow. */
    void awaitReady(Duration timeout) throws Exception {
        Instant deadline = started.plus(timeout);
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(2))
                .build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "Keycloak exited with " + process.exitValue() + " (log " + log + "):\n" + logTail());
            }
            try {
                if (HTTP.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    startup = Duration.between(started, Instant.now());
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Keycloak not ready within " + timeout + " (log " + log + "):\n" + logTail());
    }

    /** From the start of {@code kc.sh} until the realm answered. */
    Duration startup() {
        return startup;
    }

    /** The issuer URL of the realm: what report-api is configured with. */
    String issuer() {
        return "http://127.0.0.1:" + port + "/realms/" + REALM;
    }

    /** An access token of a user (resource-owner password grant) through a public client of the realm. */
    String password(String clientId, String username) {
        return token(Map.of(
                "grant_type",
                "password",
                "client_id",
                clientId,
                "username",
                username,
                "password",
                placeholders.get("GR_PASSWORD")));
    }

    /** An access token of a confidential client's service account (client-credentials grant). */
    String clientCredentials(String clientId, String secret) {
        return token(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    private String token(Map<String, String> form) {
        Response response = given().formParams(form).post(issuer() + "/protocol/openid-connect/token");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused " + form.get("grant_type") + " for "
                    + form.get("client_id") + ": " + response.statusCode() + " " + response.asString());
        }
        return response.path("access_token");
    }

    /** The {@code exp} of an access token, read without verifying it. */
    static Instant expiry(String token) {
        try {
            byte[] payload = Base64.getUrlDecoder().decode(token.split("\\.")[1]);
            return Instant.ofEpochSecond(JSON.readTree(payload).get("exp").asLong());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a JWT with exp: " + token, e);
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook runs kill() again, which finds nothing left
        }
    }

    /** kc.sh forwards TERM to its java; whatever is still alive after 15 s is killed, descendants first. */
    private void kill() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plusSeconds(15);
        for (ProcessHandle p : tree) {
            try {
                p.onExit()
                        .get(
                                Math.max(
                                        1,
                                        Duration.between(Instant.now(), deadline)
                                                .toMillis()),
                                TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
