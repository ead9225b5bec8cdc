package dev.gatewayreports.scheduling.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.gatewayreports.scheduling.support.SampleReport;
import dev.gatewayreports.scheduling.support.Seeds;
import dev.gatewayreports.scheduling.support.Stubs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The REST client's error mapping keeps the scheduler's retry rules: which answers of report-api end a delivery
 * and which are retried, a refused token replaced once, a broken connection retried, a deleted saved report null.
 */
@QuarkusTest
class ReportApiCallsTest {
    @Inject
    ReportApiCalls reportApi;

    @OidcWireMock
    WireMockServer wireMock;

    final List<StubMapping> stubs = new ArrayList<>();

    @BeforeEach
    void setUp() {
        Stubs.reportApi(wireMock);
    }

    @AfterEach
    void tearDown() {
        stubs.forEach(wireMock::removeStub);
    }

    @Test
    void shouldGiveUpOnClientErrorsAndRetryTheRest() {
        Map<Integer, Boolean> permanent =
                Map.of(400, true, 403, true, 404, true, 422, true, 408, false, 429, false, 500, false, 503, false);
        permanent.forEach((status, expected) -> {
            DeliveryRequest d = delivery();
            stubs.add(wireMock.stubFor(post(urlEqualTo(Stubs.REPORT_API + "/v1/reports/generate"))
                    .atPriority(1)
                    .withRequestBody(containing(d.teamId()))
                    .willReturn(aResponse()
                            .withStatus(status)
                            .withHeader("Content-Type", "application/json")
                            .withBody("{\"error\": {\"code\": \"x\", \"message\": \"because " + status + "\"}}"))));

            DeliveryFailure failure = assertThrows(DeliveryFailure.class, () -> reportApi.generate(d));

            assertEquals(expected, failure.permanent(), "status " + status);
            assertEquals("report-api generate answered " + status + ": because " + status, failure.getMessage());
        });
    }

    @Test
    void shouldReplaceARefusedTokenOnceAndRetryTheCall() {
        DeliveryRequest d = delivery();
        String scenario = "refused once " + d.teamId();
        stubs.add(wireMock.stubFor(post(urlEqualTo(Stubs.REPORT_API + "/v1/reports/generate"))
                .atPriority(1)
                .inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED)
                .withRequestBody(containing(d.teamId()))
                .willReturn(aResponse().withStatus(401))
                .willSetStateTo("refused")));
        stubs.add(wireMock.stubFor(post(urlEqualTo(Stubs.REPORT_API + "/v1/reports/generate"))
                .atPriority(1)
                .inScenario(scenario)
                .whenScenarioStateIs("refused")
                .withRequestBody(containing(d.teamId()))
                .willReturn(okJson(SampleReport.json().toString()))));
        reportApi.generate(delivery()); // a token in hand
        int tokensBefore = tokenRequests();

        assertEquals(SampleReport.REPORT_ID, reportApi.generate(d).reportId());

        assertEquals(tokensBefore + 1, tokenRequests(), "one new token after the 401");
    }

    @Test
    void shouldRetryABrokenConnection() {
        DeliveryRequest d = delivery();
        stubs.add(wireMock.stubFor(post(urlEqualTo(Stubs.REPORT_API + "/v1/reports/generate"))
                .atPriority(1)
                .withRequestBody(containing(d.teamId()))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))));

        DeliveryFailure failure = assertThrows(DeliveryFailure.class, () -> reportApi.generate(d));

        assertEquals(false, failure.permanent());
        assertTrue(failure.getMessage().startsWith("report-api generate failed: "), failure.getMessage());
    }

    @Test
    void shouldAnswerNullForASavedReportDeletedSince() {
        String gone = "rpt_" + Seeds.id("gone");
        stubs.add(Stubs.savedReportGone(wireMock, gone));

        assertNull(reportApi.saved(delivery(), gone));
        assertEquals(
                SampleReport.REPORT_ID,
                reportApi.saved(delivery(), SampleReport.REPORT_ID).reportId());
    }

    @Test
    void shouldNameTheDownloadAsReportApiNamesIt() {
        Attachment csv = reportApi.download(delivery(), SampleReport.REPORT_ID, "csv");

        assertEquals("usage_report_2026-11-16.csv", csv.fileName());
        assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
        assertTrue(csv.content().length > 0);
        stubs.add(wireMock.stubFor(get(urlPathEqualTo(Stubs.REPORT_API + "/v1/reports/download/rpt_missing"))
                .atPriority(1)
                .willReturn(aResponse().withStatus(404))));
        DeliveryFailure failure =
                assertThrows(DeliveryFailure.class, () -> reportApi.download(delivery(), "rpt_missing", "csv"));
        assertEquals("report-api download answered 404", failure.getMessage());
        assertTrue(failure.permanent());
    }

    private int tokenRequests() {
        return wireMock.findAll(postRequestedFor(urlEqualTo(Stubs.TOKEN_PATH))).size();
    }

    private static DeliveryRequest delivery() {
        return new DeliveryRequest(
                Seeds.id("dlv"),
                Seeds.id("org"),
                Seeds.id("team"),
                "Team",
                "usage",
                "weekly",
                ZoneId.of("UTC"),
                Instant.parse("2026-11-16T00:00:00Z"),
                Instant.parse("2026-11-23T00:00:00Z"),
                "csv",
                null,
                List.of("ops@example.com"));
    }
}
