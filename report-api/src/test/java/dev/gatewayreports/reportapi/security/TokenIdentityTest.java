package dev.gatewayreports.reportapi.security;

import static dev.gatewayreports.reportapi.support.Events.event;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.reportapi.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * What a verified token may do is read from its roles claim and audience only, and role report_service only from
 * the configured clients: the findings of a review against a real Keycloak, with real signed tokens.
 */
@QuarkusTest
class TokenIdentityTest {

    private static RequestSpecification as(String token) {
        return given().header("Authorization", Tokens.bearer(token));
    }

    /** Refused by OIDC before any resource runs: a 401 in the reports family's error shape, with the challenge. */
    private static void assertRefused(String token) {
        as(token)
                .get("/v1/admin/teams")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("error.code", equalTo("unauthorized"));
    }

    private static int mintKey(String token) {
        return as(token)
                .contentType(ContentType.JSON)
                .body(new Tenants.KeyBody("probe", List.of("ingest")))
                .post("/v1/admin/service-keys")
                .statusCode();
    }

    @Test
    void shouldTakeRolesOnlyFromTheRolesClaim() {
        String org = Tenants.newOrg();
        // What quarkus-oidc maps by default: groups; else realm_access/roles and resource_access/<client>/roles.
        List<String> tokens = List.of(
                Tokens.base()
                        .claim("org_id", org)
                        .claim("roles", List.of("member"))
                        .claim("groups", List.of("org_admin"))
                        .sign(),
                Tokens.base()
                        .claim("org_id", org)
                        .claim("roles", List.of("member"))
                        .claim("realm_access", Map.of("roles", List.of("org_admin")))
                        .claim("resource_access", Map.of("report-api", Map.of("roles", List.of("org_admin"))))
                        .sign());
        for (String token : tokens) {
            assertEquals(403, mintKey(token));
            as(token).get("/v1/admin/teams").then().statusCode(403).body("error.code", equalTo("forbidden"));
        }
        String admin = Tokens.base()
                .claim("org_id", org)
                .claim("roles", "org_admin")
                .claim("groups", List.of("member"))
                .sign();
        assertEquals(201, mintKey(admin), "a space/comma separated roles string still counts");
    }

    @Test
    void shouldRefuseATokenIssuedForAnotherAudience() {
        String token = Jwt.subject("user-1")
                .issuer("https://server.example.com")
                .audience("another-client")
                .claim("org_id", Tenants.newOrg())
                .claim("roles", List.of("org_admin"))
                .sign();
        assertRefused(token);
    }

    @Test
    void shouldAnswerAnExpiredTokenInTheErrorShapeOfTheApiAsked() {
        String token = Tokens.base()
                .claim("org_id", Tenants.newOrg())
                .claim("roles", List.of("org_admin"))
                .issuedAt(Instant.now().minusSeconds(7_200))
                .expiresAt(Instant.now().minusSeconds(3_600))
                .sign();
        as(token)
                .contentType(ContentType.JSON)
                .body(Map.of("report_type", "usage", "days", 7))
                .post("/v1/reports/generate")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("error.code", equalTo("unauthorized"))
                .body("error.message", equalTo("the credential is unknown, revoked, expired or not for this service"));
        as(token)
                .get("/v1/organizations/usage_report/messages")
                .then()
                .statusCode(401)
                .body("type", equalTo("error"))
                .body("error.type", equalTo("authentication_error"));
    }

    @Test
    void shouldRefuseATokenWithoutAudience() {
        String token = Jwt.subject("user-1")
                .issuer("https://server.example.com")
                .claim("org_id", Tenants.newOrg())
                .claim("roles", List.of("org_admin"))
                .sign();
        assertRefused(token);
    }

    @Test
    void shouldRefuseTheReportServiceRoleFromAnotherClient() {
        String org = Tenants.newOrg();
        String team = ingestOne(org);
        List<String> tokens = List.of(
                // a user's token (its client is the console) that carries the role
                Tokens.user(null, List.of(), "report_service"),
                Tokens.user(org, List.of(team), "member", "report_service"),
                // a client-credentials token of another client
                Tokens.base()
                        .claim("client_id", "billing-exporter")
                        .claim("roles", List.of("report_service"))
                        .sign(),
                // no client at all
                Tokens.base().claim("roles", List.of("report_service")).sign());
        for (String token : tokens) {
            as(token)
                    .header(CurrentCaller.ACTING_ORGANIZATION, org)
                    .get("/v1/reports/quick/usage?days=2&team_id=" + team)
                    .then()
                    .statusCode(403)
                    .body("error.code", equalTo("forbidden"));
        }
    }

    @Test
    void shouldLetAConfiguredClientActByAzpOrClientId() {
        String org = Tenants.newOrg();
        String team = ingestOne(org);
        String byClientId = Tokens.base()
                .claim("client_id", Tokens.SCHEDULER_CLIENT)
                .claim("roles", List.of("report_service"))
                .sign();
        for (String token : List.of(Tokens.reportService(), byClientId)) {
            as(token)
                    .header(CurrentCaller.ACTING_ORGANIZATION, org)
                    .get("/v1/reports/quick/usage?days=2&team_id=" + team)
                    .then()
                    .statusCode(200)
                    .body("data.summary.total_requests", equalTo(1));
        }
    }

    @Test
    void shouldLogEveryActingRequestWithOrganizationClientMethodAndPath() {
        String org = Tenants.newOrg();
        String team = ingestOne(org);
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                    lines.add(String.valueOf(record.getMessage()) + " " + List.of(paramsOf(record)));
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger acting = Logger.getLogger("dev.gatewayreports.acting");
        acting.addHandler(capture);
        try {
            as(Tokens.reportService())
                    .header(CurrentCaller.ACTING_ORGANIZATION, org)
                    .get("/v1/reports/quick/usage?days=2&team_id=" + team)
                    .then()
                    .statusCode(200);
        } finally {
            acting.removeHandler(capture);
        }
        String line = lines.stream().filter(l -> l.contains(org)).findFirst().orElse("");
        assertTrue(line.contains(Tokens.SCHEDULER_CLIENT), "acting log lines: " + lines);
        assertTrue(line.contains("GET"), line);
        assertTrue(line.contains("/v1/reports/quick/usage"), line);
    }

    @Test
    void shouldNameTheClientWhenRefusingTheReportServiceRole() {
        // Role report_service alone never reaches the identity from another client (@RolesAllowed answers 403);
        // beside another role, the request is refused as a whole, naming the client.
        String org = Tenants.newOrg();
        as(Tokens.user(org, List.of(Tenants.newTeam()), "member", "report_service"))
                .header(CurrentCaller.ACTING_ORGANIZATION, org)
                .get("/v1/reports/quick/usage?days=2")
                .then()
                .statusCode(403)
                .body("error.message", containsString("gateway-console"));
    }

    private static Object[] paramsOf(LogRecord record) {
        return record.getParameters() == null ? new Object[0] : record.getParameters();
    }

    private static String ingestOne(String org) {
        String team = Tenants.newTeam();
        given().header("x-api-key", Tenants.serviceKey(org, "ingest"))
                .contentType(ContentType.JSON)
                .body(List.of(event(team)
                        .with(
                                "occurred_at",
                                java.time.Instant.now()
                                        .minus(1, java.time.temporal.ChronoUnit.DAYS)
                                        .toString())
                        .build()))
                .post("/v1/usage/events")
                .then()
                .statusCode(200);
        return team;
    }
}
