package dev.gatewayreports.scheduling.delivery;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatewayreports.scheduling.support.SampleReport;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Renders the mail of a sample weekly report and writes it to {@code target/mail-preview/} (report.html,
 * report.txt), where scripts/render-mail.sh screenshots the HTML with headless Chromium.
 */
@QuarkusTest
class MailPreviewTest {
    static final Path OUT = Path.of(System.getProperty("mail.preview.dir", "target/mail-preview"));

    @Inject
    ReportMailer mailer;

    @Test
    void shouldRenderTheSampleReportForMailClients() throws Exception {
        DeliveryRequest d = new DeliveryRequest(
                "dlv_preview",
                "org_preview",
                "team_sample",
                "Platform team",
                "usage",
                "weekly",
                ZoneId.of("America/New_York"),
                Instant.parse("2026-11-16T05:00:00Z"),
                Instant.parse("2026-11-23T05:00:00Z"),
                "xlsx",
                null,
                List.of("team@example.com"));
        MailView view = MailView.of(
                d,
                SampleReport.report(),
                new Attachment("usage_report_2026-11-16.xlsx", "application/xlsx", new byte[0]));
        String html = mailer.renderHtml(view);
        String text = mailer.renderText(view);
        Files.createDirectories(OUT);
        Files.writeString(OUT.resolve("report.html"), html);
        Files.writeString(OUT.resolve("report.txt"), text);

        assertEquals(5, view.models().size(), "top 5 of 6 models");
        assertThat(html, containsString("Monday 16 November 2026 – Sunday 22 November 2026"));
        for (String banned : List.of("<script", "<svg", "<img", "<link", "<style", "http")) {
            assertThat(html, not(containsString(banned)));
        }
        assertThat(text, not(containsString("http")));
        assertThat(text, containsString("Mon 16 Nov  180  #################\n"));
        assertThat(text, containsString("Sat 21 Nov   52  #####\n"));
    }
}
