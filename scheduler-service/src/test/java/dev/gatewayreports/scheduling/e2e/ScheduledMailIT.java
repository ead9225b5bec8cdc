package dev.gatewayreports.scheduling.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.gatewayreports.scheduling.support.Mails;
import dev.gatewayreports.scheduling.support.Stubs;
import dev.gatewayreports.testing.PostgresTestResource;
import dev.gatewayreports.testing.ScratchDatabase;
import dev.gatewayreports.testing.ServiceProcess;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.jwt.build.Jwt;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end with nothing stubbed but the OIDC provider: the packaged report-api and the packaged scheduler-service
 * as child processes over one PostgreSQL, events ingested through report-api, a schedule row as report-api stores
 * it, and the scheduler's own tick (every second) mailing the report to GreenMail in this JVM.
 */
class ScheduledMailIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path LOGS = Path.of(System.getProperty("e2e.dir", "target/e2e"));

    static PostgresTestResource postgres;
    static ScratchDatabase scratch;
    static Map<String, String> db;
    static OidcWiremockTestResource oidc;
    static GreenMail greenMail;
    static ServiceProcess reportApi;
    static ServiceProcess scheduler;
    static WireMock collector;
    static Map<String, String> tracing;

    @BeforeAll
    static void start() throws Exception {
        postgres = new PostgresTestResource();
        // A database of its own: SchedulerPackagedIT's scheduler (a @QuarkusIntegrationTest launch) keeps running on
        // the shared test database until this JVM ends, and would claim and send this test's deliveries.
        scratch = ScratchDatabase.create(postgres.start(), "e2e_scheduled_mail");
        db = scratch.settings();
        oidc = new OidcWiremockTestResource();
        Map<String, String> provider = oidc.start();
        provider.forEach(System::setProperty); // the key Jwt.sign() uses
        String keycloak = provider.get("keycloak.url");
        URI wireMock = URI.create(keycloak);
        collector = new WireMock(wireMock.getHost(), wireMock.getPort());
        // The OTLP collector both services export their spans to (OTLP over HTTP, protobuf): it only records them.
        collector.register(
                post(urlPathMatching("/otlp/.*")).willReturn(aResponse().withStatus(200)));
        collector.register(post(urlEqualTo(Stubs.TOKEN_PATH))
                .withRequestBody(containing("grant_type=client_credentials"))
                .withRequestBody(containing("client_id=scheduler-service"))
                .withRequestBody(containing("client_secret=e2e-only-secret"))
                .willReturn(okJson("{\"access_token\": \"" + Stubs.serviceToken()
                        + "\", \"token_type\": \"Bearer\", \"expires_in\": 3600}")));
        int smtp = ServiceProcess.freePort();
        greenMail = new GreenMail(new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.getSmtp().setClientSocketTimeout(5_000); // see GreenMailResource
        greenMail.start();

        // Tracing on, as an operator switches it on (README "Traces and logs"), exporting to the stub collector.
        tracing = Map.of(
                "QUARKUS_OTEL_SDK_DISABLED", "false",
                "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT",
                        "http://" + wireMock.getHost() + ":" + wireMock.getPort() + "/otlp",
                "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf",
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");

        reportApi = new ServiceProcess("report-api", "report-api.jar", LOGS);
        Map<String, String> reportApiSettings = new java.util.HashMap<>(tracing);
        reportApiSettings.putAll(Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL",
                db.get("quarkus.datasource.jdbc.url"),
                "QUARKUS_DATASOURCE_USERNAME",
                db.get("quarkus.datasource.username"),
                "QUARKUS_DATASOURCE_PASSWORD",
                db.get("quarkus.datasource.password"),
                "OIDC_AUTH_SERVER_URL",
                keycloak + "/realms/quarkus",
                "QUARKUS_FLYWAY_MIGRATE_AT_START",
                "true", // the Job's part: a replica never migrates in prod
                "REPORTS_ADMIN_CURSOR_SECRET",
                "e2e-only-cursor-secret-0123456789abcdef"));
        reportApi.start(reportApiSettings);
        reportApi.awaitReady(Duration.ofSeconds(120));

        scheduler = new ServiceProcess("scheduler-service", "scheduler.jar", LOGS);
        Map<String, String> schedulerSettings = new java.util.HashMap<>(tracing);
        schedulerSettings.putAll(Map.ofEntries(
                Map.entry("QUARKUS_DATASOURCE_JDBC_URL", db.get("quarkus.datasource.jdbc.url")),
                Map.entry("QUARKUS_DATASOURCE_USERNAME", db.get("quarkus.datasource.username")),
                Map.entry("QUARKUS_DATASOURCE_PASSWORD", db.get("quarkus.datasource.password")),
                Map.entry("QUARKUS_MAILER_HOST", "127.0.0.1"),
                Map.entry("QUARKUS_MAILER_PORT", Integer.toString(smtp)),
                Map.entry("REPORTS_SCHEDULER_EVERY", "1s"),
                Map.entry("REPORTS_SCHEDULER_REPORT_API_URL", reportApi.url()),
                Map.entry(
                        "REPORTS_SCHEDULER_REPORT_API_TOKEN_URL",
                        keycloak + "/realms/quarkus/protocol/openid-connect/token"),
                Map.entry("REPORTS_SCHEDULER_REPORT_API_CLIENT_ID", "scheduler-service"),
                Map.entry("REPORTS_SCHEDULER_REPORT_API_CLIENT_SECRET", "e2e-only-secret")));
        scheduler.start(schedulerSettings);
        scheduler.awaitReady(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {scheduler, reportApi}) {
            if (c != null) {
                c.close();
            }
        }
        if (greenMail != null) {
            greenMail.stop();
        }
        if (oidc != null) {
            oidc.stop();
        }
        if (scratch != null) {
            scratch.close();
        }
        if (postgres != null) {
            postgres.stop();
        }
    }

    /**
     * The packaged services run the production build: their operations endpoints answer on the management port,
     * and the public port (the one a Service or ingress exposes) knows none of them.
     */
    @Test
    void shouldServeOperationsOnTheManagementPortOnly() throws Exception {
        for (ServiceProcess service : List.of(reportApi, scheduler)) {
            for (String path : List.of("/q/metrics", "/q/openapi", "/q/health/ready", "/q/swagger-ui/")) {
                assertEquals(404, status(service.url() + path), service.url() + path + " on the public port");
            }
            assertEquals(200, status(service.managementUrl() + "/q/metrics"));
            assertEquals(200, status(service.managementUrl() + "/q/health/ready"));
            assertEquals(200, status(service.managementUrl() + "/q/openapi"));
        }
        assertEquals(200, status(reportApi.managementUrl() + "/q/swagger-ui/"));
    }

    private static int status(String url) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void shouldMailTheFiguresOfTheIngestedEventsWithAParseableXlsx() throws Exception {
        String org = "org_" + UUID.randomUUID().toString().substring(0, 12);
        String team = "team_" + UUID.randomUUID().toString().substring(0, 12);
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        ingest(
                org,
                List.of(
                        event(team, yesterday, "success"),
                        event(team, yesterday, "success"),
                        event(team, yesterday, "error"),
                        event(team, yesterday.minusDays(1), "success")));
        List<String> to = List.of("ops-" + team + "@example.com", "lead-" + team + "@example.org");
        String schedule = schedule(org, team, to, Instant.now().minusSeconds(1));

        assertTrue(awaitMessages(to.get(0), 2, Duration.ofSeconds(90)), "no mail within 90 s:\n" + scheduler.logTail());

        MimeMessage m = messagesTo(to.get(0)).getFirst();
        assertEquals("Daily usage report for " + team + ": " + yesterday, m.getSubject());
        assertEquals(2, m.getAllRecipients().length);
        Mails.Parsed parts = Mails.parse(m);
        assertThat(parts.text(), containsString("Requests: 3 / 1 / ▲ 200%"));
        assertThat(parts.text(), containsString("Tokens: 4,500 / 1,500 / ▲ 200%"));
        assertThat(parts.text(), containsString("Error rate: 33.33% / 0%"));
        assertThat(parts.html(), containsString("claude-sonnet-4-5"));
        assertThat(parts.attachmentName(), startsWith("usage"));
        assertThat(parts.attachmentName(), containsString(".xlsx"));
        assertEquals(List.of(3.0), requestCounts(parts.attachment()));
        Map<String, Object> delivery =
                one("select status, report_id from report_delivery where schedule_id = ?", schedule);
        assertEquals("sent", delivery.get("status"));
        assertNotNull(one("select report_id from saved_report where report_id = ?", delivery.get("report_id")));
    }

    /**
     * Traces and logs across both packaged services, as in production: both log JSON; report-api's line for the
     * scheduler's generate call carries the delivery's id as its request id, the acting organization and a trace
     * id; and the scheduler exported its delivery span in that same trace (the OTLP body holds the trace id's 16
     * bytes beside the span's name), so the collector joins the two services' spans into one trace.
     */
    @Test
    void shouldJoinADeliverysLogLinesAndTraceAcrossBothServices() throws Exception {
        String org = "org_" + UUID.randomUUID().toString().substring(0, 12);
        String team = "team_" + UUID.randomUUID().toString().substring(0, 12);
        ingest(org, List.of(event(team, LocalDate.now(ZoneOffset.UTC).minusDays(1), "success")));
        String schedule = schedule(
                org,
                team,
                List.of("trace-" + team + "@example.com"),
                Instant.now().minusSeconds(1));

        String deliveryId = awaitSent(schedule, Duration.ofSeconds(90));

        com.fasterxml.jackson.databind.JsonNode line = awaitJsonLine(
                LOGS.resolve("report-api.log"),
                l -> "dev.gatewayreports.requests".equals(l.path("loggerName").asText())
                        && l.path("message").asText().startsWith("POST /v1/reports/generate 200")
                        && deliveryId.equals(l.path("mdc").path("requestId").asText()));
        assertEquals(org, line.path("mdc").path("orgId").asText(), line.toString());
        String traceId = line.path("mdc").path("traceId").asText();
        assertTrue(traceId.matches("[0-9a-f]{32}"), line.toString());

        byte[] traceBytes = java.util.HexFormat.of().parseHex(traceId);
        Instant deadline = Instant.now().plusSeconds(20);
        boolean exported = false;
        while (!exported && Instant.now().isBefore(deadline)) {
            exported = collector.find(postRequestedFor(urlPathMatching("/otlp/.*"))).stream()
                    .map(r -> r.getBody())
                    .anyMatch(body -> contains(
                                    body, "scheduler-service".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                            && contains(body, "report delivery".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                            && contains(body, traceBytes));
            Thread.sleep(200);
        }
        assertTrue(exported, "the scheduler exported no span of trace " + traceId);
        assertTrue(
                java.nio.file.Files.readAllLines(LOGS.resolve("scheduler-service.log")).stream()
                        .anyMatch(l -> l.startsWith("{") && l.contains("\"loggerName\"")),
                "scheduler-service logs JSON in production:\n" + scheduler.logTail());
    }

    private static String awaitSent(String schedule, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try (Connection c = connect();
                    PreparedStatement ps = c.prepareStatement(
                            "select delivery_id from report_delivery where schedule_id = ? and status = 'sent'")) {
                ps.setString(1, schedule);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return rs.getString(1);
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not sent within " + timeout + ":\n" + scheduler.logTail());
    }

    /** The first JSON log line of the file that matches, waiting for it up to 20 s. */
    private static com.fasterxml.jackson.databind.JsonNode awaitJsonLine(
            Path log, java.util.function.Predicate<com.fasterxml.jackson.databind.JsonNode> match) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            for (String l : java.nio.file.Files.readAllLines(log)) {
                if (l.startsWith("{")) {
                    com.fasterxml.jackson.databind.JsonNode node = json.readTree(l);
                    if (match.test(node)) {
                        return node;
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError(
                "no such JSON line in " + log + ":\n" + String.join("\n", java.nio.file.Files.readAllLines(log)));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Polls GreenMail (its own wait counts only mail that arrives after the wait began) for copies of the mail that
     * names this recipient (one copy per recipient of it), so the other tests' mail does not count.
     */
    private static boolean awaitMessages(String recipient, int count, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (messagesTo(recipient).size() >= count) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    private static List<MimeMessage> messagesTo(String recipient) throws Exception {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            for (jakarta.mail.Address a : m.getAllRecipients()) {
                if (a.toString().contains(recipient)) {
                    found.add(m);
                    break;
                }
            }
        }
        return found;
    }

    /** The numbers next to the Summary sheet's total-requests label. */
    private static List<Double> requestCounts(byte[] xlsx) throws Exception {
        List<Double> found = new ArrayList<>();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Row row : workbook.getSheet("Summary")) {
                Cell label = row.getCell(0);
                if (label != null
                        && label.getCellType() == CellType.STRING
                        && label.getStringCellValue()
                                .toLowerCase()
                                .replace('_', ' ')
                                .equals("total requests")) {
                    for (Cell cell : row) {
                        if (cell.getCellType() == CellType.NUMERIC) {
                            found.add(cell.getNumericCellValue());
                            break;
                        }
                    }
                }
            }
        }
        return found;
    }

    private static Map<String, Object> event(String team, LocalDate day, String status) {
        Map<String, Object> e = new java.util.LinkedHashMap<>();
        e.put("request_id", "req_" + UUID.randomUUID());
        e.put("occurred_at", day.atTime(12, 0).toInstant(ZoneOffset.UTC).toString());
        e.put("team_id", team);
        e.put("provider", "anthropic");
        e.put("model", "claude-sonnet-4-5");
        e.put("status", status);
        e.put("latency_ms", 800);
        e.put("input_tokens", 1200);
        e.put("output_tokens", 300);
        if ("error".equals(status)) {
            e.put("error_type", "rate_limit");
            e.put("http_status", 429);
        }
        return e;
    }

    private static void ingest(String org, List<Map<String, Object>> events) throws Exception {
        String token = Jwt.subject("gateway")
                .issuer("https://server.example.com")
                .audience(Stubs.REPORT_API_AUDIENCE)
                .claim("org_id", org)
                .claim("roles", List.of("ingest"))
                .sign();
        String body = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(events);
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(reportApi.url() + "/v1/usage/events"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertThat(response.body(), containsString("\"accepted\":" + events.size()));
    }

    private static String schedule(String org, String team, List<String> to, Instant due) throws Exception {
        String id = "sch_" + UUID.randomUUID().toString().substring(0, 12);
        try (Connection c = connect();
                PreparedStatement ps = c.prepareStatement("""
                        insert into report_schedule (schedule_id, org_id, team_id, report_type, frequency, schedule_time,
                                                     timezone, days, recipients, format, next_run_at)
                        values (?, ?, ?, 'usage', 'daily', '09:00', 'UTC', 1, ?, 'xlsx', ?)
                        """)) {
            ps.setString(1, id);
            ps.setString(2, org);
            ps.setString(3, team);
            ps.setArray(4, c.createArrayOf("text", to.toArray()));
            ps.setTimestamp(5, Timestamp.from(due));
            ps.executeUpdate();
        }
        return id;
    }

    private static Map<String, Object> one(String query, Object arg) throws Exception {
        try (Connection c = connect();
                PreparedStatement ps = c.prepareStatement(query)) {
            ps.setObject(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "no row for " + query);
                Map<String, Object> row = new java.util.HashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                return row;
            }
        }
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(
                db.get("quarkus.datasource.jdbc.url"),
                db.get("quarkus.datasource.username"),
                db.get("quarkus.datasource.password"));
    }
}
