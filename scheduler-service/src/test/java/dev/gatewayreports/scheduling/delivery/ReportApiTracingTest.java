package dev.gatewayreports.scheduling.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.gatewayreports.scheduling.due.DispatchResult;
import dev.gatewayreports.scheduling.due.Dispatcher;
import dev.gatewayreports.scheduling.support.GreenMailResource;
import dev.gatewayreports.scheduling.support.InMemorySpans;
import dev.gatewayreports.scheduling.support.SampleReport;
import dev.gatewayreports.scheduling.support.Seeds;
import dev.gatewayreports.scheduling.support.Stubs;
import dev.gatewayreports.testing.Db;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A delivery's calls to report-api go through the REST client with the service token, the acting organization,
 * the delivery's id as request id and the W3C trace context: what report-api receives (WireMock records it) names
 * the trace and span of the scheduler's client span, and all calls of one attempt are one trace.
 */
@QuarkusTest
class ReportApiTracingTest {
    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}");
    private static final Instant MONDAY_9AM_NY = Instant.parse("2026-11-23T14:00:00Z");

    @Inject
    Dispatcher dispatcher;

    @Inject
    InMemorySpanExporter spans;

    @OidcWireMock
    WireMockServer wireMock;

    @BeforeEach
    void setUp() {
        Seeds.clearSchedules();
        GreenMailResource.startServer();
        Stubs.reportApi(wireMock);
    }

    @Test
    void shouldCarryTheDeliverysTraceToReportApiInTraceparent() {
        String[] team = Seeds.team("Traced team");
        String schedule = Seeds.schedule(
                team,
                "weekly",
                LocalTime.of(9, 0),
                1,
                "America/New_York",
                7,
                List.of(Seeds.id("trace") + "@example.com"),
                "csv",
                MONDAY_9AM_NY);

        DispatchResult result = dispatcher.dispatchDue(MONDAY_9AM_NY.plusSeconds(5));

        assertEquals(1, result.sent());
        String deliveryId = (String) Db.one("select delivery_id from report_delivery where schedule_id = ?", schedule)
                .get("delivery_id");
        LoggedRequest generate = wireMock.findAll(
                        postRequestedFor(urlEqualTo(Stubs.REPORT_API + "/v1/reports/generate"))
                                .withRequestBody(containing(team[1])))
                .getFirst();
        assertEquals(team[0], generate.getHeader("X-Acting-Organization"));
        assertEquals(deliveryId, generate.getHeader("X-Request-Id"));
        assertTrue(generate.getHeader("Authorization").startsWith("Bearer ey"));
        Matcher traceparent = TRACEPARENT.matcher(String.valueOf(generate.getHeader("traceparent")));
        assertTrue(traceparent.matches(), "traceparent: " + generate.getHeader("traceparent"));
        String traceId = traceparent.group(1);
        String clientSpanId = traceparent.group(2);

        List<SpanData> trace = InMemorySpans.await(spans, 3, s -> s.getTraceId().equals(traceId));
        SpanData client = trace.stream()
                .filter(s -> s.getSpanId().equals(clientSpanId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no span " + clientSpanId + " in " + trace));
        assertEquals(SpanKind.CLIENT, client.getKind());
        SpanData delivery = trace.stream()
                .filter(s -> s.getName().equals("report delivery"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no delivery span in " + trace));
        assertEquals(delivery.getSpanId(), client.getParentSpanId());
        assertEquals(
                deliveryId,
                delivery.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("delivery.id")));

        // The download of the same attempt is in the same trace.
        LoggedRequest download = wireMock.findAll(getRequestedFor(
                                urlPathEqualTo(Stubs.REPORT_API + "/v1/reports/download/" + SampleReport.REPORT_ID))
                        .withHeader(
                                "X-Request-Id", com.github.tomakehurst.wiremock.client.WireMock.equalTo(deliveryId)))
                .getFirst();
        Matcher downloadParent = TRACEPARENT.matcher(String.valueOf(download.getHeader("traceparent")));
        assertTrue(downloadParent.matches(), "traceparent: " + download.getHeader("traceparent"));
        assertEquals(traceId, downloadParent.group(1));
    }
}
