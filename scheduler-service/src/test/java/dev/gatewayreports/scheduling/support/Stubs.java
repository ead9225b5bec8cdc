package dev.gatewayreports.scheduling.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.smallrye.jwt.build.Jwt;
import java.util.List;

/**
 * Stubs on the test OIDC WireMock: the token endpoint (client credentials of scheduler-service → a signed token
 * with role report_service) and, for tests about dispatch, report-api's generate and download endpoints.
 */
public final class Stubs {
    public static final String TOKEN_PATH = "/auth/realms/quarkus/protocol/openid-connect/token";
    public static final String REPORT_API = "/auth/report-api";
    public static final String XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static boolean tokenInstalled;
    private static boolean reportApiInstalled;

    private Stubs() {}

    /** The audience report-api requires (its client id). */
    public static final String REPORT_API_AUDIENCE = "report-api";

    /**
     * A real signed token as the provider would issue it to the scheduler: for report-api's audience, client
     * ({@code azp}) scheduler-service — the client report-api accepts role report_service from.
     */
    public static String serviceToken() {
        return Jwt.subject("service-account-scheduler-service")
                .issuer("https://server.example.com")
                .audience(REPORT_API_AUDIENCE)
                .claim("azp", "scheduler-service")
                .claim("roles", List.of("report_service"))
                .expiresIn(3600)
                .sign();
    }

    public static synchronized void tokenEndpoint(WireMockServer server) {
        if (tokenInstalled) {
            return;
        }
        server.stubFor(post(urlEqualTo(TOKEN_PATH))
                .withRequestBody(containing("grant_type=client_credentials"))
                .withRequestBody(containing("client_id=scheduler-service"))
                .withRequestBody(containing("client_secret=test-only-secret"))
                .willReturn(okJson("{\"access_token\": \"" + serviceToken()
                        + "\", \"token_type\": \"Bearer\", \"expires_in\": 3600}")));
        tokenInstalled = true;
    }

    /** report-api answering every team with {@link SampleReport}, only to a bearer token and an acting org. */
    public static synchronized void reportApi(WireMockServer server) {
        tokenEndpoint(server);
        if (reportApiInstalled) {
            return;
        }
        server.stubFor(post(urlEqualTo(REPORT_API + "/v1/reports/generate"))
                .withHeader("Authorization", matching("Bearer ey[A-Za-z0-9._-]+"))
                .withHeader("X-Acting-Organization", matching("org_.+"))
                .withRequestBody(containing("\"save\":true"))
                .willReturn(okJson(SampleReport.json().toString())));
        server.stubFor(get(urlPathEqualTo(REPORT_API + "/v1/reports/" + SampleReport.REPORT_ID))
                .withHeader("Authorization", matching("Bearer ey[A-Za-z0-9._-]+"))
                .withHeader("X-Acting-Organization", matching("org_.+"))
                .willReturn(okJson(SampleReport.json().toString())));
        server.stubFor(get(urlPathEqualTo(REPORT_API + "/v1/reports/download/" + SampleReport.REPORT_ID))
                .withQueryParam("format", equalTo("csv"))
                .withHeader("Authorization", matching("Bearer ey[A-Za-z0-9._-]+"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/csv; charset=UTF-8")
                        .withHeader("Content-Disposition", "attachment; filename=\"usage_report_2026-11-16.csv\"")
                        .withBody(SampleReport.csv())));
        server.stubFor(get(urlPathEqualTo(REPORT_API + "/v1/reports/download/" + SampleReport.REPORT_ID))
                .withQueryParam("format", equalTo("xlsx"))
                .withHeader("Authorization", matching("Bearer ey[A-Za-z0-9._-]+"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", XLSX_TYPE)
                        .withHeader("Content-Disposition", "attachment; filename=\"usage_report_2026-11-16.xlsx\"")
                        .withBody(SampleReport.xlsx())));
        reportApiInstalled = true;
    }

    /** report-api generating {@code report} for one team (its events changed, say); remove the stub after the test. */
    public static StubMapping generates(WireMockServer server, String teamId, String report) {
        return server.stubFor(post(urlEqualTo(REPORT_API + "/v1/reports/generate"))
                .atPriority(1)
                .withRequestBody(containing(teamId))
                .willReturn(okJson(report)));
    }

    /** report-api no longer holding a saved report (deleted); remove the stub after the test. */
    public static StubMapping savedReportGone(WireMockServer server, String reportId) {
        return server.stubFor(get(urlPathEqualTo(REPORT_API + "/v1/reports/" + reportId))
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": {\"code\": \"not_found\", \"message\": \"report not found\"}}")));
    }

    /** How many generate calls report-api received for one team. */
    public static int generateCalls(WireMockServer server, String teamId) {
        return server.countRequestsMatching(RequestPatternBuilder.newRequestPattern(
                                RequestMethod.POST, urlEqualTo(REPORT_API + "/v1/reports/generate"))
                        .withRequestBody(containing(teamId))
                        .build())
                .getCount();
    }

    /** report-api answering 404 for one team (it was deleted); remove the stub after the test. */
    public static StubMapping teamGone(WireMockServer server, String teamId) {
        return server.stubFor(post(urlEqualTo(REPORT_API + "/v1/reports/generate"))
                .atPriority(1)
                .withRequestBody(containing(teamId))
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": {\"code\": \"not_found\", \"message\": \"team not found\"}}")));
    }

    /** report-api taking {@code millis} to make one team's report; remove the stub after the test. */
    public static StubMapping slow(WireMockServer server, String teamId, int millis) {
        return server.stubFor(post(urlEqualTo(REPORT_API + "/v1/reports/generate"))
                .atPriority(1)
                .withRequestBody(containing(teamId))
                .willReturn(okJson(SampleReport.json().toString()).withFixedDelay(millis)));
    }

    /** report-api failing with 503 for one team; remove the stub after the test. */
    public static StubMapping unavailable(WireMockServer server, String teamId) {
        return server.stubFor(post(urlEqualTo(REPORT_API + "/v1/reports/generate"))
                .atPriority(1)
                .withRequestBody(containing(teamId))
                .willReturn(aResponse().withStatus(503)));
    }
}
