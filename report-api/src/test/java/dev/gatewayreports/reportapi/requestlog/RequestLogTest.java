package dev.gatewayreports.reportapi.requestlog;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.reportapi.security.CurrentCaller;
import dev.gatewayreports.reportapi.support.InMemorySpans;
import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.reportapi.support.Tokens;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every request has an id (the caller's when sane, else a new one), echoed in the response; its log lines carry
 * it and, once the caller is known, the organization in the MDC; its server span has the route and the status,
 * and its trace id is the one its log lines carry.
 */
@QuarkusTest
class RequestLogTest {
    private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");

    @Inject
    InMemorySpanExporter spans;

    final List<ExtLogRecord> records = new CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            ExtLogRecord ext = (ExtLogRecord) record;
            ext.copyMdc(); // keeps the MDC of the thread that logged with the record
            records.add(ext);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void capture() {
        Logger.getLogger("dev.gatewayreports").addHandler(capture);
    }

    @AfterEach
    void release() {
        Logger.getLogger("dev.gatewayreports").removeHandler(capture);
    }

    @Test
    void shouldEchoASaneRequestIdAndLogTheRequestWithItAndTheOrganization() {
        String org = Tenants.newOrg();
        String id = "req-" + UUID.randomUUID();

        Response response = given().header("Authorization", Tokens.bearer(Tokens.orgAdmin(org)))
                .header(RequestLogFilter.HEADER, id)
                .get("/v1/admin/teams");

        assertEquals(200, response.statusCode());
        assertEquals(id, response.header(RequestLogFilter.HEADER));
        ExtLogRecord line = requestLine(id, "GET /v1/admin/teams 200");
        assertEquals(org, line.getMdc(RequestLogFilter.ORG_ID));
    }

    @Test
    void shouldLogTheActingOrganizationOfAReportServiceCall() {
        String org = Tenants.newOrg();
        String id = "dlv_" + UUID.randomUUID().toString().replace("-", "");

        Response response = given().header("Authorization", Tokens.bearer(Tokens.reportService()))
                .header(CurrentCaller.ACTING_ORGANIZATION, org)
                .header(RequestLogFilter.HEADER, id)
                .get("/v1/reports/rpt_" + UUID.randomUUID().toString().replace("-", ""));

        assertEquals(404, response.statusCode());
        assertEquals(id, response.header(RequestLogFilter.HEADER));
        assertEquals(org, requestLine(id, " 404 ").getMdc(RequestLogFilter.ORG_ID));
        // The acting line itself is written while the caller is being resolved: it has the id already.
        assertTrue(
                records.stream()
                        .filter(r -> r.getLoggerName().equals("dev.gatewayreports.acting"))
                        .anyMatch(r -> id.equals(r.getMdc(RequestLogFilter.REQUEST_ID))),
                "acting lines: " + records);
    }

    @Test
    void shouldReplaceAHostileOrOverlongRequestIdWithANewOne() {
        for (String hostile : List.of("<script>alert(1)</script>", "a b", "x".repeat(129), "id\"},{\"admin\":true")) {
            Response response = given().header("Authorization", Tokens.bearer(Tokens.orgAdmin(Tenants.newOrg())))
                    .header(RequestLogFilter.HEADER, hostile)
                    .get("/v1/admin/teams");

            String echoed = response.header(RequestLogFilter.HEADER);
            assertNotEquals(hostile, echoed);
            assertEquals(echoed, UUID.fromString(echoed).toString(), "a fresh UUID");
            requestLine(echoed, "GET /v1/admin/teams 200");
            assertFalse(records.stream().anyMatch(r -> hostile.equals(r.getMdc(RequestLogFilter.REQUEST_ID))));
        }
    }

    @Test
    void shouldGiveARefusedRequestAnIdButNoOrganization() {
        Response response = given().get("/v1/admin/teams");

        assertEquals(401, response.statusCode());
        String id = response.header(RequestLogFilter.HEADER);
        assertTrue(RequestLogFilter.sane(id), id);
        assertNull(requestLine(id, "GET /v1/admin/teams 401").getMdc(RequestLogFilter.ORG_ID));
    }

    @Test
    void shouldRecordAServerSpanWithRouteAndStatusInTheTraceTheLogLinesCarry() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String id = "req-" + UUID.randomUUID();

        given().header("Authorization", Tokens.bearer(Tokens.orgAdmin(org)))
                .header(RequestLogFilter.HEADER, id)
                .get("/v1/admin/teams/" + team)
                .then()
                .statusCode(404);

        ExtLogRecord line = requestLine(id, "GET /v1/admin/teams/" + team + " 404");
        String traceId = line.getMdc("traceId");
        assertTrue(traceId != null && traceId.matches("[0-9a-f]{32}"), "traceId in the MDC: " + line.getMdcCopy());
        Optional<SpanData> server = InMemorySpans.await(
                spans, s -> s.getKind() == SpanKind.SERVER && s.getTraceId().equals(traceId));
        assertTrue(server.isPresent(), "a server span in trace " + traceId + ": " + spans.getFinishedSpanItems());
        assertEquals("/v1/admin/teams/{team_id}", server.get().getAttributes().get(ROUTE));
        assertEquals(404L, server.get().getAttributes().get(STATUS));
        assertEquals("GET /v1/admin/teams/{team_id}", server.get().getName());
    }

    /** The one line written for the request with this id, whose message contains {@code text}. */
    private ExtLogRecord requestLine(String id, String text) {
        long deadline = System.currentTimeMillis() + 5_000;
        while (System.currentTimeMillis() < deadline) {
            Optional<ExtLogRecord> line = records.stream()
                    .filter(r -> r.getLoggerName().equals(RequestLogFilter.LOG_CATEGORY))
                    .filter(r -> id.equals(r.getMdc(RequestLogFilter.REQUEST_ID)))
                    .filter(r -> r.getFormattedMessage().contains(text))
                    .findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no request line '" + text + "' with id " + id + " among "
                + records.stream()
                        .map(r -> r.getFormattedMessage() + " " + r.getMdcCopy())
                        .toList());
    }
}
