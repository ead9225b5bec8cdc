package dev.gatewayreports.apiclient;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatewayreports.client.ApiClient;
import dev.gatewayreports.client.api.AdminServiceKeysApi;
import dev.gatewayreports.client.api.AdminUsageAndCostApi;
import dev.gatewayreports.client.api.CallStatisticsApi;
import dev.gatewayreports.client.api.ReportsApi;
import dev.gatewayreports.client.api.UsageEventsApi;
import dev.gatewayreports.client.model.CallStatsRequest;
import dev.gatewayreports.client.model.CallStatsResponse;
import dev.gatewayreports.client.model.GenerateReportRequest;
import dev.gatewayreports.client.model.IngestResponse;
import dev.gatewayreports.client.model.MetricRequest;
import dev.gatewayreports.client.model.Report;
import dev.gatewayreports.client.model.ServiceKeyRequest;
import dev.gatewayreports.client.model.UsageEvent;
import dev.gatewayreports.client.model.UsageReportBucket;
import dev.gatewayreports.client.model.UsageReportResponse;
import dev.gatewayreports.client.model.UsageReportResult;
import dev.gatewayreports.testing.PostgresTestResource;
import dev.gatewayreports.testing.ScratchDatabase;
import dev.gatewayreports.testing.ServiceProcess;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.jwt.build.Jwt;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Java client generated from report-api's OpenAPI document (openapi-generator, library native) against the packaged
 * report-api over seeded events: it mints keys, ingests events, generates a report, reads {@code /calls/stats} and
 * the admin usage report, all through the generated methods and models, and the answers match what was seeded.
 */
class GeneratedClientIT {
    private static final Path LOGS = Path.of(System.getProperty("api-client-it.dir", "target/api-client-it"));
    private static final int EVENTS = 12;

    static PostgresTestResource postgres;
    static ScratchDatabase database;
    static OidcWiremockTestResource oidc;
    static ServiceProcess reportApi;

    @BeforeAll
    static void start() throws Exception {
        postgres = new PostgresTestResource();
        database = ScratchDatabase.create(postgres.start(), "api_client_it");
        oidc = new OidcWiremockTestResource();
        Map<String, String> provider = oidc.start();
        provider.forEach(System::setProperty); // the key Jwt.sign() uses
        Map<String, String> db = database.settings();
        reportApi = new ServiceProcess("report-api", "report-api.jar", LOGS);
        reportApi.start(Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL",
                db.get("quarkus.datasource.jdbc.url"),
                "QUARKUS_DATASOURCE_USERNAME",
                db.get("quarkus.datasource.username"),
                "QUARKUS_DATASOURCE_PASSWORD",
                db.get("quarkus.datasource.password"),
                "QUARKUS_FLYWAY_MIGRATE_AT_START",
                "true",
                "OIDC_AUTH_SERVER_URL",
                provider.get("keycloak.url") + "/realms/quarkus",
                "REPORTS_ADMIN_CURSOR_SECRET",
                "api-client-it-cursor-secret-" + UUID.randomUUID()));
        reportApi.awaitReady(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() throws Exception {
        if (reportApi != null) {
            reportApi.close();
        }
        if (oidc != null) {
            oidc.stop();
        }
        if (database != null) {
            database.close();
        }
        if (postgres != null) {
            postgres.stop();
        }
    }

    @Test
    void shouldGenerateReportReadCallStatsAndTheAdminUsageReportThroughTheGeneratedClient() throws Exception {
        String org = "org_" + UUID.randomUUID().toString().substring(0, 12);
        String team = "team_" + UUID.randomUUID().toString().substring(0, 12);
        ApiClient orgAdmin = client("Authorization", "Bearer " + token(org, List.of(team), "org_admin"));
        AdminServiceKeysApi keys = new AdminServiceKeysApi(orgAdmin);
        String ingestKey = keys.mintServiceKey(
                        new ServiceKeyRequest().name("api-client-it ingest").scopes(List.of("ingest")))
                .getKey();
        String adminKey = keys.mintServiceKey(
                        new ServiceKeyRequest().name("api-client-it admin").scopes(List.of("admin")))
                .getKey();

        // Yesterday (UTC), one event an hour from 00:00: inside the last day of every report below.
        Instant day = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(1, ChronoUnit.DAYS);
        List<UsageEvent> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            events.add(new UsageEvent()
                    .requestId("req-" + UUID.randomUUID())
                    .occurredAt(OffsetDateTime.ofInstant(day.plus(i, ChronoUnit.HOURS), ZoneOffset.UTC))
                    .teamId(team)
                    .provider("anthropic")
                    .model(i % 2 == 0 ? "claude-sonnet-4-5" : "claude-haiku-4-5")
                    .status(UsageEvent.StatusEnum.SUCCESS)
                    .latencyMs(100 + i)
                    .inputTokens(1000L + i)
                    .outputTokens(10L * i)
                    .costUsd(new BigDecimal("0.0125")));
        }
        IngestResponse ingested = new UsageEventsApi(client("x-api-key", ingestKey)).ingestUsageEvents(events);
        assertEquals(EVENTS, ingested.getAccepted(), ingested.toString());

        ApiClient member = client("Authorization", "Bearer " + token(org, List.of(team), "member"));
        Report report = new ReportsApi(member)
                .generateReport(new GenerateReportRequest()
                        .reportType("usage")
                        .days(2)
                        .teamId(team)
                        .timezone("UTC"));
        assertEquals(EVENTS, report.getData().getSummary().getTotalRequests().longValue(), report.toString());

        CallStatsResponse stats = new CallStatisticsApi(member)
                .getCallStats(new CallStatsRequest()
                        .projectId(team)
                        .start(day.toString())
                        .end(day.plus(1, ChronoUnit.DAYS).toString())
                        .granularity(86_400L)
                        .callMetrics(
                                List.of(new MetricRequest().metric("call_count").aggregations(List.of("sum")))));
        long calls = stats.getCallBuckets().stream()
                .mapToLong(b -> ((Number) b.get("sum_call_count")).longValue())
                .sum();
        assertEquals(EVENTS, calls, stats.toString());

        UsageReportResponse usage = new AdminUsageAndCostApi(client("x-api-key", adminKey))
                .getUsageReport(
                        day.atOffset(ZoneOffset.UTC), // starting_at
                        null, // api_key_ids[]
                        "1h", // bucket_width
                        null, // context_window[]
                        day.plus(1, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC), // ending_at
                        null, // group_by[]
                        null, // inference_geos[]
                        24, // limit
                        null, // models[]
                        null, // page
                        null, // service_tiers[]
                        null, // workspace_ids[]
                        "2023-06-01",
                        adminKey);
        long input = 0;
        long output = 0;
        for (UsageReportBucket bucket : usage.getData()) {
            for (UsageReportResult result : bucket.getResults()) {
                input += result.getUncachedInputTokens();
                output += result.getOutputTokens();
            }
        }
        long[] sums = sql(org);
        assertEquals(sums[0], input, "uncached input tokens: SQL sum against the admin usage report");
        assertEquals(sums[1], output, "output tokens: SQL sum against the admin usage report");
        assertEquals(EVENTS * 1000L + 66, input);
    }

    /** The seeded organization's token sums, straight from the events table. */
    private static long[] sql(String org) throws Exception {
        Map<String, String> db = database.settings();
        try (Connection c = DriverManager.getConnection(
                        db.get("quarkus.datasource.jdbc.url"),
                        db.get("quarkus.datasource.username"),
                        db.get("quarkus.datasource.password"));
                PreparedStatement s = c.prepareStatement(
                        "select sum(input_tokens), sum(output_tokens) from usage_event where org_id = ?")) {
            s.setString(1, org);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new long[] {r.getLong(1), r.getLong(2)};
            }
        }
    }

    /** A generated client for the running report-api that sends this header on every request. */
    private static ApiClient client(String header, String value) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(reportApi.url());
        client.setRequestInterceptor(request -> request.header(header, value));
        return client;
    }

    /** A real token of the test provider: the audience, organization, teams and roles report-api reads. */
    private static String token(String org, List<String> teams, String role) {
        return Jwt.subject("user-" + UUID.randomUUID())
                .issuer("https://server.example.com")
                .audience("report-api")
                .claim("azp", "gateway-console")
                .claim("email", "someone@" + org + ".example")
                .claim("org_id", org)
                .claim("teams", teams)
                .claim("roles", List.of(role))
                .sign();
    }
}
