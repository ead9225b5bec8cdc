package dev.gatewayreports.reportapi.replicas;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.reportapi.support.Tokens;
import dev.gatewayreports.testing.PostgresTestResource;
import dev.gatewayreports.testing.ServiceProcess;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The production split, for real: a fresh database owned by a migrator role, and a runtime role that may only log in.
 * report-api runs as the runtime role before the schema exists (alive, readiness {@code schema} DOWN); the
 * migration Job — the packaged report-api with {@code QUARKUS_INIT_AND_EXIT}, migrate-at-start and the
 * {@code runtime_role} placeholder — migrates as the migrator and exits 0; then the runtime role ingests (making a
 * partition through the function), reads a report and drops partitions as retention does, and cannot create a table.
 */
class DatabaseRolesIT {
    private static final Path LOGS = Path.of(System.getProperty("replicas-it.dir", "target/replicas-it"));
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SUFFIX =
            UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private static final String DATABASE = "gr_roles_" + SUFFIX;
    private static final String MIGRATOR = "gr_migrator_" + SUFFIX;
    private static final String RUNTIME = "gr_app_" + SUFFIX;
    private static final String PASSWORD = "roles-it-" + SUFFIX;

    static PostgresTestResource postgres;
    static Map<String, String> admin;
    static String url;
    static OidcWiremockTestResource oidc;
    static String issuer;
    static ServiceProcess api;

    @BeforeAll
    static void start() throws Exception {
        postgres = new PostgresTestResource();
        admin = postgres.start();
        try (Connection c = superuser();
                Statement s = c.createStatement()) {
            s.execute("create role " + MIGRATOR + " login password '" + PASSWORD + "'");
            s.execute("create role " + RUNTIME + " login password '" + PASSWORD + "'");
            s.execute("create database " + DATABASE + " owner " + MIGRATOR);
        }
        url = admin.get("quarkus.datasource.jdbc.url").replaceFirst("/[^/?]+(\\?|$)", "/" + DATABASE + "$1");
        oidc = new OidcWiremockTestResource();
        Map<String, String> provider = oidc.start();
        provider.forEach(System::setProperty); // the key Jwt.sign() uses
        issuer = provider.get("keycloak.url") + "/realms/quarkus";
    }

    @AfterAll
    static void stop() throws Exception {
        if (api != null) {
            api.close();
        }
        if (oidc != null) {
            oidc.stop();
        }
        if (admin != null) {
            try (Connection c = superuser();
                    Statement s = c.createStatement()) {
                s.execute("drop database if exists " + DATABASE + " with (force)");
                s.execute("drop role if exists " + RUNTIME);
                s.execute("drop role if exists " + MIGRATOR);
            }
        }
        if (postgres != null) {
            postgres.stop();
        }
    }

    @Test
    void shouldMigrateAsTheMigratorAndRunAsARoleWithoutDdl() throws Exception {
        // 1. The service starts before the schema exists: alive, not ready, saying which version it waits for.
        api = new ServiceProcess("report-api-runtime-role", "report-api.jar", LOGS);
        api.start(serviceEnv(RUNTIME));
        awaitStatus(api.managementUrl() + "/q/health/live", 200, Duration.ofSeconds(120));
        JsonPath before = readiness(503);
        assertEquals("DOWN", schemaCheck(before, "status"));
        assertEquals("none", schemaCheck(before, "data.current"));
        String required = schemaCheck(before, "data.required");
        assertTrue(required.matches("[0-9]+(\\.[0-9]+)*"), required);

        // 2. The migration Job: the same image, init-and-exit, migrate at start, the migrator and the placeholder.
        ServiceProcess job = new ServiceProcess("report-api-migration-job", "report-api.jar", LOGS);
        Map<String, String> jobEnv = new HashMap<>(database(MIGRATOR));
        jobEnv.put("QUARKUS_INIT_AND_EXIT", "true");
        jobEnv.put("QUARKUS_FLYWAY_MIGRATE_AT_START", "true");
        jobEnv.put("QUARKUS_FLYWAY_PLACEHOLDERS_RUNTIME_ROLE", RUNTIME);
        jobEnv.put("OIDC_AUTH_SERVER_URL", issuer);
        long t0 = System.nanoTime();
        job.start(jobEnv);
        assertEquals(0, job.awaitExit(Duration.ofSeconds(180)), job.logTail());
        System.out.printf(
                "DatabaseRolesIT: migration job exited 0 after %d ms%n",
                Duration.ofNanos(System.nanoTime() - t0).toMillis());
        try (Connection c = connect(MIGRATOR)) {
            assertEquals(
                    required,
                    single(
                            c,
                            "select version from flyway_schema_history where success"
                                    + " order by installed_rank desc limit 1"));
            assertEquals(MIGRATOR, single(c, "select tableowner from pg_tables where tablename = 'usage_event'"));
            assertEquals(
                    "true",
                    single(
                            c,
                            "select prosecdef::text from pg_proc"
                                    + " where proname = 'usage_event_ensure_partitions'"));
        }

        // 3. Ready as soon as the schema is there, without a restart.
        awaitStatus(api.managementUrl() + "/q/health/ready", 200, Duration.ofSeconds(30));
        JsonPath after = readiness(200);
        assertEquals("UP", schemaCheck(after, "status"));
        assertEquals(required, schemaCheck(after, "data.current"));

        // 4. The runtime role at work: ingest, including a day whose partition does not exist yet, and a report.
        String org = "org_" + SUFFIX;
        String team = "team_" + SUFFIX;
        LocalDate oldDay = LocalDate.now(ZoneOffset.UTC).minusDays(20);
        String partition = "usage_event_p" + oldDay.toString().replace("-", "");
        try (Connection c = connect(RUNTIME)) {
            assertEquals("false", single(c, "select (to_regclass('" + partition + "') is not null)::text"));
        }
        String ingestKey = given().baseUri(api.url())
                .header("Authorization", Tokens.bearer(Tokens.orgAdmin(org)))
                .contentType(ContentType.JSON)
                .body(Map.of("name", "roles-it", "scopes", List.of("ingest")))
                .post("/v1/admin/service-keys")
                .then()
                .statusCode(201)
                .extract()
                .path("key");
        Instant yesterdayNoon =
                LocalDate.now(ZoneOffset.UTC).minusDays(1).atTime(12, 0).toInstant(ZoneOffset.UTC);
        List<Map<String, Object>> events = new ArrayList<>();
        events.add(event(team, oldDay.atTime(9, 0).toInstant(ZoneOffset.UTC)));
        for (int i = 0; i < 3; i++) {
            events.add(event(team, yesterdayNoon.plus(i, ChronoUnit.MINUTES)));
        }
        given().baseUri(api.url())
                .header("x-api-key", ingestKey)
                .contentType(ContentType.JSON)
                .body(events)
                .post("/v1/usage/events")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(4));
        given().baseUri(api.url())
                .header("Authorization", Tokens.bearer(Tokens.user(org, List.of(team), "member")))
                .contentType(ContentType.JSON)
                .body(Map.of("report_type", "usage", "days", 30, "timezone", "UTC", "team_id", team))
                .post("/v1/reports/generate")
                .then()
                .statusCode(200)
                .body("data.summary.total_requests", equalTo(4));

        try (Connection c = connect(RUNTIME)) {
            assertEquals("true", single(c, "select (to_regclass('" + partition + "') is not null)::text"));
            assertEquals(MIGRATOR, single(c, "select tableowner from pg_tables where tablename = '" + partition + "'"));
            // 5. Retention's statement (aggregation-worker Retention.DROP_PARTITIONS) as the runtime role.
            try (PreparedStatement ps = c.prepareStatement("select usage_event_drop_partitions_before(?)")) {
                ps.setObject(1, oldDay.plusDays(1));
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(1, rs.getInt(1));
                }
            }
            assertEquals("false", single(c, "select (to_regclass('" + partition + "') is not null)::text"));
            assertEquals("3", single(c, "select count(*)::text from usage_event where team_id = '" + team + "'"));

            // 6. ... and no DDL of its own.
            for (String ddl : List.of(
                    "create table roles_it_probe (id int)",
                    "alter table usage_event add column roles_it_probe int",
                    "drop table audit_event",
                    "create table usage_event_p29991231 partition of usage_event"
                            + " for values from ('2999-12-31') to ('3000-01-01')")) {
                SQLException denied = assertThrows(SQLException.class, () -> execute(c, ddl), ddl);
                assertEquals("42501", denied.getSQLState(), ddl + ": " + denied.getMessage());
            }
            assertFalse(single(c, "select has_schema_privilege(current_user, current_schema(), 'CREATE')::text")
                    .equals("true"));
        }
    }

    private static Map<String, String> serviceEnv(String role) {
        Map<String, String> env = new HashMap<>(database(role));
        env.put("OIDC_AUTH_SERVER_URL", issuer);
        env.put("REPORTS_ADMIN_CURSOR_SECRET", "roles-it-cursor-secret-0123456789abcdef");
        return env;
    }

    private static Map<String, String> database(String role) {
        return Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", url,
                "QUARKUS_DATASOURCE_USERNAME", role,
                "QUARKUS_DATASOURCE_PASSWORD", PASSWORD);
    }

    private JsonPath readiness(int status) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(api.managementUrl() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(status, r.statusCode(), r.body());
        return JsonPath.from(r.body());
    }

    private static String schemaCheck(JsonPath health, String path) {
        return String.valueOf(health.getString("checks.find { it.name == 'schema' }." + path));
    }

    private static void awaitStatus(String url, int status, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        int last = -1;
        while (Instant.now().isBefore(deadline)) {
            try {
                last = HTTP.send(
                                HttpRequest.newBuilder(URI.create(url))
                                        .timeout(Duration.ofSeconds(2))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                if (last == status) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(
                url + " answered " + last + ", not " + status + ", within " + timeout + ":\n" + api.logTail());
    }

    private static Map<String, Object> event(String team, Instant at) {
        Map<String, Object> e = new HashMap<>();
        e.put("request_id", "req-" + UUID.randomUUID());
        e.put("occurred_at", at.toString());
        e.put("team_id", team);
        e.put("provider", "anthropic");
        e.put("model", "claude-sonnet-4-5");
        e.put("status", "success");
        e.put("latency_ms", 250);
        e.put("input_tokens", 1000);
        e.put("output_tokens", 100);
        return e;
    }

    private static Connection superuser() throws SQLException {
        return DriverManager.getConnection(
                admin.get("quarkus.datasource.jdbc.url"),
                admin.get("quarkus.datasource.username"),
                admin.get("quarkus.datasource.password"));
    }

    private static Connection connect(String role) throws SQLException {
        return DriverManager.getConnection(url, role, PASSWORD);
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
