package dev.gatewayreports.scheduling.packaged;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.gatewayreports.scheduling.support.GreenMailResource;
import dev.gatewayreports.scheduling.support.Mails;
import dev.gatewayreports.scheduling.support.SampleReport;
import dev.gatewayreports.scheduling.support.SecretsKeyResource;
import dev.gatewayreports.scheduling.support.Stubs;
import dev.gatewayreports.testing.PackagedDatabase;
import dev.gatewayreports.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * scheduler-service as it ships: the packaged artifact (quarkus-run.jar, or the native executable under
 * {@code -Dnative}) in its production profile, its own one-second tick, real PostgreSQL and a real SMTP server
 * (GreenMail, in this JVM). report-api is the boundary here: WireMock answers as report-api does (the dispatch
 * tests' stubs), so this suite is about what the scheduler does alone (claim the due run, fetch a client-credentials
 * token, read the report JSON, render the mail, attach the file, record the delivery). With the real report-api, the
 * same path end to end is {@code e2e.ScheduledMailIT}, which under {@code -Dnative} runs both native executables.
 */
@QuarkusIntegrationTest
// The module's global resources (support.TestResources), declared alike so they start once, and this suite's own.
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = GreenMailResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SecretsKeyResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(PackagedSettings.class)
class SchedulerPackagedIT {
    @OidcWireMock
    WireMockServer wireMock;

    @Test
    void shouldMailADueScheduleOnceWithTheReportAndItsAttachment() throws Exception {
        Stubs.reportApi(wireMock);
        String org = id("org");
        String team = id("team");
        List<String> to = List.of(id("ann") + "@example.com", id("bob") + "@example.org");
        String schedule;
        try (Connection c = PackagedDatabase.connect()) {
            execute(c, "insert into organization (org_id, name) values (?, ?)", org, "Org " + org);
            execute(
                    c,
                    "insert into team (team_id, org_id, name, registered_by) values (?, ?, 'Platform team', 'admin')",
                    team,
                    org);
            schedule = id("sch");
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into report_schedule (schedule_id, org_id, team_id, report_type, frequency, schedule_time,
                                                 timezone, days, recipients, format, next_run_at)
                    values (?, ?, ?, 'usage', 'daily', '09:00', 'UTC', 1, ?, 'xlsx', ?)
                    """)) {
                ps.setString(1, schedule);
                ps.setString(2, org);
                ps.setString(3, team);
                ps.setArray(4, c.createArrayOf("text", to.toArray()));
                ps.setTimestamp(5, Timestamp.from(Instant.now().minusSeconds(1)));
                ps.executeUpdate();
            }
        }

        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while ((Mails.to(to.get(0)).isEmpty() || Mails.to(to.get(1)).isEmpty())
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        for (String address : to) {
            List<MimeMessage> received = Mails.to(address);
            assertEquals(1, received.size(), "one mail to " + address + " within 60 s");
            MimeMessage m = received.get(0);
            assertThat(m.getSubject(), startsWith("Daily usage report for Platform team: "));
            Mails.Parsed parts = Mails.parse(m);
            assertThat(parts.text(), containsString("Requests: 1,234 / 1,100 / ▲ 12.2%"));
            assertThat(parts.html(), containsString("claude-sonnet-4-5"));
            assertEquals("usage_report_2026-11-16.xlsx", parts.attachmentName());
            try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(parts.attachment()))) {
                assertEquals(
                        1234, workbook.getSheet("Summary").getRow(0).getCell(1).getNumericCellValue());
            }
        }
        try (Connection c = PackagedDatabase.connect();
                PreparedStatement ps = c.prepareStatement("""
                        select d.status, d.attempts, d.report_id, s.next_run_at
                        from report_delivery d join report_schedule s using (schedule_id) where schedule_id = ?
                        """)) {
            ps.setString(1, schedule);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "a delivery row");
                assertEquals("sent", rs.getString("status"));
                assertEquals(1, rs.getInt("attempts"));
                assertEquals(SampleReport.REPORT_ID, rs.getString("report_id"));
                assertTrue(rs.getTimestamp("next_run_at").toInstant().isAfter(Instant.now()), "the next run is ahead");
                assertTrue(!rs.next(), "exactly one delivery");
            }
        }
    }

    @Test
    void shouldServeHealthAndMetricsOnTheManagementPortOnly() {
        given().get("/q/health/ready").then().statusCode(404);
        given().baseUri(PackagedSettings.managementUrl())
                .port(-1)
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"));
        given().baseUri(PackagedSettings.managementUrl())
                .port(-1)
                .get("/q/metrics")
                .then()
                .statusCode(200);
    }

    private static String id(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static void execute(Connection c, String sql, String... args) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }
}
