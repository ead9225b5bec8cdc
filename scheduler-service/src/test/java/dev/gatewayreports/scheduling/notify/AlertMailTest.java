package dev.gatewayreports.scheduling.notify;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.gatewayreports.scheduling.support.AlertSeeds;
import dev.gatewayreports.scheduling.support.GreenMailResource;
import dev.gatewayreports.scheduling.support.Mails;
import dev.gatewayreports.scheduling.support.Seeds;
import dev.gatewayreports.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Alert mails through real SMTP (GreenMail): subject, HTML and text parts carry the numbers, the window in the
 * rule's zone, the team or organization and how to change the rule. Each mail's HTML is also written to
 * {@code target/alert-mail-preview/} for a look in a browser (docs/webhooks.md tells how to screenshot it).
 */
@QuarkusTest
class AlertMailTest {
    static final Path OUT = Path.of(System.getProperty("mail.preview.dir", "target/alert-mail-preview"));
    /** Wednesday 2 December 2026, 14:05 in New York. */
    static final Instant END = Instant.parse("2026-12-02T19:05:00Z");

    @Inject
    NotificationSender sender;

    @Inject
    AlertMailer mailer;

    @BeforeEach
    void setUp() {
        AlertSeeds.clear();
        GreenMailResource.startServer();
    }

    @Test
    void shouldMailAFiringWithTheValueThresholdAndWindowInTheRulesZone() throws Exception {
        String[] team = Seeds.team("Platform");
        String to = Seeds.id("ops") + "@example.com";
        String alert = AlertSeeds.rule(
                AlertSeeds.Rule.cost(team, "Platform daily cost", "100").recipients(List.of(to)));
        String event =
                AlertSeeds.event(alert, "fired", "e1", "123.45", "100", null, END.minusSeconds(86_400), END, END);
        String id = AlertSeeds.notification(event, "email", to, Instant.now());

        assertEquals(new NotifyResult(1, 0, 0), sender.dispatchDue(Instant.now()));

        MimeMessage m = only(to);
        assertEquals("[Firing] Platform daily cost: $123.45 > $100.00 (last day)", m.getSubject());
        Mails.Parsed parts = Mails.parse(m);
        save("firing", parts.html());
        for (String shown : List.of(
                "Firing",
                "Platform daily cost",
                "Team Platform",
                "Cost over the last day is $123.45, above the threshold of $100.00.",
                "&gt; $100.00",
                "Tue 1 Dec 2026, 14:05 – Wed 2 Dec 2026, 14:05",
                "America/New_York",
                "PUT /v1/alerts/" + alert,
                event)) {
            assertThat(parts.html(), containsString(shown));
        }
        for (String banned : List.of("<script", "<img", "<link", "<style", "http")) {
            assertThat(parts.html(), not(containsString(banned)));
        }
        assertThat(text(parts), containsString("Cost: $123.45\n"));
        assertThat(text(parts), containsString("Threshold: > $100.00\n"));
        assertThat(text(parts), containsString("  Last day: Tue 1 Dec 2026, 14:05 – Wed 2 Dec 2026, 14:05\n"));
        assertThat(text(parts), containsString("Times are in America/New_York."));
        assertThat(text(parts), containsString("To change this alert, a team admin edits rule"));
        assertThat(text(parts), not(containsString("<")));
        Map<String, Object> row = Db.one("select * from alert_notification where notification_id = ?", id);
        assertEquals("sent", row.get("status"));
        assertNull(row.get("response_status"));
    }

    @Test
    void shouldWordResolvedBudgetAndForecastMails() throws Exception {
        String[] team = Seeds.team("Research");
        String to = Seeds.id("fin") + "@example.com";
        String budget = AlertSeeds.rule(AlertSeeds.Rule.cost(team, "Research monthly budget", "5000")
                .budget()
                .recipients(List.of(to)));
        Instant monthStart = Instant.parse("2026-12-01T05:00:00Z");
        AlertSeeds.notification(
                AlertSeeds.event(budget, "budget_80", "2026-12", "4012.5", "5000", null, monthStart, END, END),
                "email",
                to,
                Instant.now().minusSeconds(3));
        AlertSeeds.notification(
                AlertSeeds.event(budget, "forecast", "2026-12", "1210", "5000", "18755.333333", monthStart, END, END),
                "email",
                to,
                Instant.now().minusSeconds(2));
        String latency = AlertSeeds.rule(AlertSeeds.Rule.cost(team, "Slow answers", "1500")
                .measure("p95_latency_ms", "last_hour", "gte", "1500")
                .organizationWide()
                .recipients(List.of(to)));
        AlertSeeds.notification(
                AlertSeeds.event(latency, "resolved", "e3", "1204.2", "1500", null, END.minusSeconds(3600), END, END),
                "email",
                to,
                Instant.now().minusSeconds(1));

        assertEquals(new NotifyResult(3, 0, 0), sender.dispatchDue(Instant.now()));

        List<MimeMessage> got = Mails.to(to);
        assertEquals(3, got.size());
        Map<String, MimeMessage> bySubject = new java.util.HashMap<>();
        for (MimeMessage m : got) {
            bySubject.put(m.getSubject(), m);
        }
        MimeMessage level =
                bySubject.get("[Budget 80%] Research monthly budget: $4,012.50 of $5,000.00 (month to date)");
        MimeMessage forecast =
                bySubject.get("[Forecast] Research monthly budget: $18,755.33 forecast > $5,000.00 (month end)");
        MimeMessage resolved = bySubject.get("[Resolved] Slow answers: 1,204 ms, back below 1,500 ms (last hour)");
        assertEquals(
                3,
                List.of(level, forecast, resolved).stream()
                        .filter(java.util.Objects::nonNull)
                        .count(),
                "subjects: " + bySubject.keySet());
        Mails.Parsed levelParts = Mails.parse(level);
        save("budget80", levelParts.html());
        assertThat(
                text(levelParts),
                containsString("Cost this month so far has reached 80% of the budget: $4,012.50 of $5,000.00."));
        assertThat(text(levelParts), containsString("  Month to date: Tue 1 Dec 2026, 00:00 – Wed 2 Dec 2026, 14:05"));
        Mails.Parsed forecastParts = Mails.parse(forecast);
        save("forecast", forecastParts.html());
        assertThat(
                text(forecastParts),
                containsString("  Cost so far: $1,210.00\n  Budget: > $5,000.00\n  Month-end forecast: $18,755.33\n"));
        assertThat(
                text(forecastParts),
                containsString(
                        "At this pace cost will reach $18,755.33 by the end of the month, above the budget of $5,000.00."));
        Mails.Parsed resolvedParts = Mails.parse(resolved);
        save("resolved", resolvedParts.html());
        assertThat(text(resolvedParts), containsString("Organization Org " + team[0]));
        assertThat(text(resolvedParts), containsString("To change this alert, an org admin edits rule"));
        assertThat(text(resolvedParts), containsString("p95 latency over the last hour is back to 1,204 ms"));
        assertThat(text(resolvedParts), containsString("  Last hour: Wed 2 Dec 2026, 13:05 – 14:05"));
    }

    @Test
    void shouldNotMailOutsideTheOrganizationsAllowedDomains() {
        String[] team = Seeds.team("Locked");
        Db.execute("update organization set recipient_domains = '{example.org}' where org_id = ?", team[0]);
        String to = Seeds.id("out") + "@example.com";
        String alert = AlertSeeds.rule(AlertSeeds.Rule.cost(team, "Locked", "1").recipients(List.of(to)));
        String id = AlertSeeds.notification(
                AlertSeeds.event(alert, "fired", "e1", "2", "1", null, END.minusSeconds(86_400), END, END),
                "email",
                to,
                Instant.now());

        assertEquals(new NotifyResult(0, 0, 1), sender.dispatchDue(Instant.now()));

        assertEquals(0, Mails.to(to).size());
        assertEquals(
                "recipient: " + to + " is not in a domain the organization allows",
                Db.one("select last_error from alert_notification where notification_id = ?", id)
                        .get("last_error"));
    }

    @Test
    void shouldRetryWhileTheMailServerIsAway() {
        String[] team = Seeds.team("Outage");
        String to = Seeds.id("ops") + "@example.com";
        String alert = AlertSeeds.rule(AlertSeeds.Rule.cost(team, "Outage", "1").recipients(List.of(to)));
        String id = AlertSeeds.notification(
                AlertSeeds.event(alert, "fired", "e1", "2", "1", null, END.minusSeconds(86_400), END, END),
                "email",
                to,
                Instant.now());
        Instant now = Instant.now();
        GreenMailResource.stopServer();
        try {
            assertEquals(new NotifyResult(0, 1, 0), sender.dispatchDue(now));
        } finally {
            GreenMailResource.startServer();
        }
        Map<String, Object> row = Db.one("select * from alert_notification where notification_id = ?", id);
        assertEquals("pending", row.get("status"));
        assertThat((String) row.get("last_error"), containsString("SMTP"));

        assertEquals(new NotifyResult(1, 0, 0), sender.dispatchDue(now.plusSeconds(40)));
        assertEquals(1, Mails.to(to).size());
    }

    private static MimeMessage only(String address) {
        List<MimeMessage> got = Mails.to(address);
        assertEquals(1, got.size());
        return got.get(0);
    }

    /** The text part with the line ends as written (SMTP carries CRLF). */
    private static String text(Mails.Parsed parts) {
        return parts.text().replace("\r\n", "\n");
    }

    private static void save(String name, String html) throws Exception {
        Files.createDirectories(OUT);
        Files.writeString(OUT.resolve(name + ".html"), html);
    }
}
