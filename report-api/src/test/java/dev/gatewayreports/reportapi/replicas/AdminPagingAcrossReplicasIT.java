package dev.gatewayreports.reportapi.replicas;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.reportapi.support.Tokens;
import dev.gatewayreports.testing.PostgresTestResource;
import dev.gatewayreports.testing.ServiceProcess;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
 * Two packaged report-api processes with one cursor secret behave as one service to a finance tool paging through
 * the admin API: a {@code next_page} made by either is honoured by the other. A third process with another secret
 * refuses them (400 on {@code page}), and a production start without a secret is refused outright.
 */
class AdminPagingAcrossReplicasIT {
    private static final Path LOGS = Path.of(System.getProperty("replicas-it.dir", "target/replicas-it"));
    private static final String SECRET = "replicas-it-cursor-secret-" + UUID.randomUUID();
    private static final String USAGE = "/v1/organizations/usage_report/messages";
    private static final int HOURS = 30;

    static PostgresTestResource postgres;
    static Map<String, String> db;
    static OidcWiremockTestResource oidc;
    static String issuer;
    static ServiceProcess a;
    static ServiceProcess b;
    static ServiceProcess other;

    @BeforeAll
    static void start() throws Exception {
        postgres = new PostgresTestResource();
        db = postgres.start();
        oidc = new OidcWiremockTestResource();
        Map<String, String> provider = oidc.start();
        provider.forEach(System::setProperty); // the key Jwt.sign() uses
        issuer = provider.get("keycloak.url") + "/realms/quarkus";
        // A replica never migrates in production; here A stands in for the migration Job of a fresh test database.
        a = replica("report-api-a", SECRET, Map.of("QUARKUS_FLYWAY_MIGRATE_AT_START", "true"));
        a.awaitReady(Duration.ofSeconds(120));
        b = replica("report-api-b", SECRET, Map.of());
        other = replica("report-api-other", "another-cursor-secret-" + UUID.randomUUID(), Map.of());
        b.awaitReady(Duration.ofSeconds(120));
        other.awaitReady(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {a, b, other}) {
            if (c != null) {
                c.close();
            }
        }
        if (oidc != null) {
            oidc.stop();
        }
        if (postgres != null) {
            postgres.stop();
        }
    }

    private static ServiceProcess replica(String name, String secret, Map<String, String> extra) throws Exception {
        ServiceProcess p = new ServiceProcess(name, "report-api.jar", LOGS);
        Map<String, String> env = new HashMap<>(database());
        env.put("OIDC_AUTH_SERVER_URL", issuer);
        if (secret != null) {
            env.put("REPORTS_ADMIN_CURSOR_SECRET", secret);
        }
        env.putAll(extra);
        p.start(env);
        return p;
    }

    private static Map<String, String> database() {
        return Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", db.get("quarkus.datasource.jdbc.url"),
                "QUARKUS_DATASOURCE_USERNAME", db.get("quarkus.datasource.username"),
                "QUARKUS_DATASOURCE_PASSWORD", db.get("quarkus.datasource.password"));
    }

    @Test
    void shouldFollowNextPageAcrossReplicasAndReadWhatOneUnpagedRequestReads() {
        String org = "org_" + UUID.randomUUID().toString().substring(0, 12);
        String team = "team_" + UUID.randomUUID().toString().substring(0, 12);
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        String ingestKey = key(a, org, "ingest");
        String adminKey = key(b, org, "admin");
        List<Map<String, Object>> events = new ArrayList<>();
        for (int h = 1; h <= HOURS; h++) {
            for (int i = 0; i < h % 3 + 1; i++) {
                events.add(event(team, now.minus(h, ChronoUnit.HOURS).plus(i, ChronoUnit.MINUTES), h * 10 + i));
            }
        }
        given().baseUri(b.url())
                .header("x-api-key", ingestKey)
                .contentType(ContentType.JSON)
                .body(events)
                .post("/v1/usage/events")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(events.size()));
        String startingAt = now.minus(HOURS, ChronoUnit.HOURS).toString();
        String endingAt = now.toString();

        JsonPath whole = admin(a, adminKey, startingAt, endingAt, HOURS, null);
        assertEquals(false, whole.getBoolean("has_more"));
        List<Object> unpaged = whole.getList("data");
        assertEquals(HOURS, unpaged.size());

        List<Object> paged = new ArrayList<>();
        ServiceProcess[] replicas = {a, b};
        String page = null;
        int pages = 0;
        do {
            JsonPath body = admin(replicas[pages % 2], adminKey, startingAt, endingAt, 7, page);
            paged.addAll(body.getList("data"));
            page = body.getString("next_page");
            if (pages == 0) {
                assertNotNull(page);
                // Made by A: a replica with another secret cannot read it, whatever else matches.
                given().baseUri(other.url())
                        .header("x-api-key", adminKey)
                        .queryParam("starting_at", startingAt)
                        .queryParam("ending_at", endingAt)
                        .queryParam("bucket_width", "1h")
                        .queryParam("limit", 7)
                        .queryParam("page", page)
                        .get(USAGE)
                        .then()
                        .statusCode(400)
                        .body("type", equalTo("error"))
                        .body("error.type", equalTo("invalid_request_error"))
                        .body("error.message", containsString("page"));
            }
            pages++;
        } while (page != null);
        assertEquals(5, pages); // 7 + 7 + 7 + 7 + 2 hours: B read pages 2 and 4, A pages 1, 3 and 5
        assertEquals(unpaged, paged);
        long requests = 0;
        for (Object n : JsonPath.from(toJson(paged)).getList("results.flatten().uncached_input_tokens")) {
            requests += ((Number) n).longValue() / 1000;
        }
        assertEquals(events.size(), requests);
    }

    @Test
    void shouldRefuseToStartInProductionWithoutACursorSecretOrWithAShortOne() throws Exception {
        for (String secret : new String[] {null, "x".repeat(31)}) {
            try (ServiceProcess p =
                    replica("report-api-no-secret-" + (secret == null ? "absent" : "short"), secret, Map.of())) {
                int exit = p.awaitExit(Duration.ofSeconds(120));
                assertNotEquals(0, exit, p.logTail());
                String log = Files.readString(LOGS.resolve(p.logName()));
                assertTrue(log.contains("reports.admin.cursor-secret"), p.logTail());
                assertTrue(log.contains("REPORTS_ADMIN_CURSOR_SECRET"), p.logTail());
                assertTrue(log.contains(secret == null ? "is required" : "is 31 bytes"), p.logTail());
            }
        }
    }

    private static JsonPath admin(
            ServiceProcess replica, String key, String startingAt, String endingAt, int limit, String page) {
        RequestSpecification r = given().baseUri(replica.url())
                .header("x-api-key", key)
                .header("anthropic-version", "2023-06-01")
                .queryParam("starting_at", startingAt)
                .queryParam("ending_at", endingAt)
                .queryParam("bucket_width", "1h")
                .queryParam("group_by[]", "model")
                .queryParam("limit", limit);
        if (page != null) {
            r.queryParam("page", page);
        }
        return r.get(USAGE).then().statusCode(200).extract().jsonPath();
    }

    /** Mints a service key through this replica with an org admin's token. */
    private static String key(ServiceProcess replica, String org, String scope) {
        return given().baseUri(replica.url())
                .header("Authorization", Tokens.bearer(Tokens.orgAdmin(org)))
                .contentType(ContentType.JSON)
                .body(Map.of("name", "replicas-it " + scope, "scopes", List.of(scope)))
                .post("/v1/admin/service-keys")
                .then()
                .statusCode(201)
                .extract()
                .path("key");
    }

    private static Map<String, Object> event(String team, Instant at, int n) {
        Map<String, Object> e = new HashMap<>();
        e.put("request_id", "req-" + UUID.randomUUID());
        e.put("occurred_at", at.toString());
        e.put("team_id", team);
        e.put("provider", "anthropic");
        e.put("model", n % 2 == 0 ? "claude-sonnet-4-5" : "claude-haiku-4-5");
        e.put("status", "success");
        e.put("latency_ms", 100 + n);
        e.put("input_tokens", 1000);
        e.put("output_tokens", 10);
        return e;
    }

    private static String toJson(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
