package dev.gatewayreports.reportapi.audit;

import static dev.gatewayreports.reportapi.audit.AuditRows.as;
import static dev.gatewayreports.reportapi.audit.AuditRows.createTeam;
import static dev.gatewayreports.reportapi.audit.AuditRows.mintKey;
import static dev.gatewayreports.reportapi.audit.AuditRows.of;
import static dev.gatewayreports.reportapi.audit.AuditRows.only;
import static dev.gatewayreports.reportapi.audit.AuditRows.patchTeam;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.reportapi.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every admin action writes exactly one audit row, in its organization, naming its actor and target. */
@QuarkusTest
class AuditTrailTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An org admin's token with a known subject, e-mail and OIDC client. */
    private static String admin(String org, String subject) {
        return Jwt.subject(subject)
                .issuer("https://server.example.com")
                .audience("report-api")
                .claim("org_id", org)
                .claim("roles", List.of("org_admin"))
                .claim("email", subject + "@example.com")
                .claim("azp", "admin-console")
                .sign();
    }

    private static JsonNode details(Map<String, Object> row) throws Exception {
        return JSON.readTree((String) row.get("details_json"));
    }

    private static void assertActor(Map<String, Object> row, String kind, String subject) {
        assertEquals(kind, row.get("actor_kind"));
        assertEquals(subject, row.get("actor_subject"));
    }

    @Test
    void shouldRecordKeyMintAndRevokeByTheAdminWithoutTheSecret() throws Exception {
        String org = Tenants.newOrg();
        String admin = admin(org, "ana");
        var minted =
                mintKey(admin, "gateway", "ingest", "stats").statusCode(201).extract();
        String keyId = minted.path("id");
        String secret = minted.path("key");

        Map<String, Object> row = only(org, "service_key.minted");
        assertActor(row, "user", "ana");
        assertEquals("ana@example.com", row.get("actor_email"));
        assertEquals("admin-console", row.get("actor_client_id"));
        assertNull(row.get("actor_key_id"));
        assertEquals("service_key", row.get("target_type"));
        assertEquals(keyId, row.get("target_id"));
        assertEquals("gateway", details(row).path("name").asText());
        assertEquals(List.of("ingest", "stats"), JSON.convertValue(details(row).path("scopes"), List.class));
        String hash = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        for (Map<String, Object> any : of(org)) {
            String text = any.toString();
            assertFalse(text.contains(secret.substring(7)), "the secret is never in an audit row");
            assertFalse(text.contains(minted.path("key_prefix").toString()), "nor its prefix");
            assertFalse(text.contains(hash), "nor its hash");
        }

        as(admin).delete("/v1/admin/service-keys/" + keyId).then().statusCode(204);
        as(admin).delete("/v1/admin/service-keys/" + keyId).then().statusCode(204);
        Map<String, Object> revoked = only(org, "service_key.revoked");
        assertActor(revoked, "user", "ana");
        assertEquals(keyId, revoked.get("target_id"));
        assertEquals(2, of(org).size(), "a second revoke changes nothing and records nothing");
    }

    @Test
    void shouldRecordTeamCreationRenameAndDefaultTeamOnlyWhenSomethingChanged() throws Exception {
        String org = Tenants.newOrg();
        String admin = admin(org, "bo");
        String first = Tenants.newTeam();
        String second = Tenants.newTeam();
        createTeam(admin, first, "is_default", true).statusCode(201);
        createTeam(admin, second).statusCode(201);
        List<Map<String, Object>> created = of(org, "team.created");
        assertEquals(2, created.size());
        assertEquals(first, created.get(0).get("target_id"));
        assertEquals("team", created.get(0).get("target_type"));
        assertTrue(details(created.get(0)).path("is_default").asBoolean());
        assertActor(created.get(1), "user", "bo");

        patchTeam(admin, second, Map.of("name", "Platform")).statusCode(200);
        JsonNode renamed = details(only(org, "team.updated"));
        assertEquals(second, renamed.path("name").path("from").asText());
        assertEquals("Platform", renamed.path("name").path("to").asText());
        assertTrue(renamed.path("default_team_id").isMissingNode());

        patchTeam(admin, second, Map.of("name", "Platform")).statusCode(200);
        assertEquals(1, of(org, "team.updated").size(), "the same name again changes nothing");

        patchTeam(admin, second, Map.of("is_default", true)).statusCode(200);
        List<Map<String, Object>> updated = of(org, "team.updated");
        assertEquals(2, updated.size());
        JsonNode madeDefault = details(updated.get(1));
        assertEquals(first, madeDefault.path("default_team_id").path("from").asText());
        assertEquals(second, madeDefault.path("default_team_id").path("to").asText());
        assertEquals(second, updated.get(1).get("target_id"));

        patchTeam(admin, second, Map.of("is_default", false)).statusCode(200);
        JsonNode unset = details(of(org, "team.updated").get(2));
        assertEquals(second, unset.path("default_team_id").path("from").asText());
        assertTrue(unset.path("default_team_id").path("to").isNull(), "no default team any more");
    }

    @Test
    void shouldRecordScheduleCreateReplaceAndDelete() throws Exception {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        createTeam(Tokens.orgAdmin(org), team).statusCode(201);
        String lead = Jwt.subject("lead")
                .issuer("https://server.example.com")
                .audience("report-api")
                .claim("org_id", org)
                .claim("teams", List.of(team))
                .claim("roles", List.of("team_admin"))
                .claim("email", "lead@example.com")
                .sign();
        Map<String, Object> body = new HashMap<>(Map.of(
                "report_type", "usage",
                "frequency", "weekly",
                "schedule_time", "09:00",
                "schedule_day", 1,
                "timezone", "Europe/Berlin",
                "recipients", List.of("team@example.com"),
                "team_id", team));
        String id = as(lead).contentType(ContentType.JSON)
                .body(body)
                .post("/v1/reports/schedule")
                .then()
                .statusCode(200)
                .extract()
                .path("schedule_id");
        body.put("recipients", List.of("elsewhere@example.net"));
        as(lead).contentType(ContentType.JSON)
                .body(body)
                .post("/v1/reports/schedule")
                .then()
                .statusCode(200);
        as(lead).queryParam("team_id", team)
                .delete("/v1/reports/schedule/usage")
                .then()
                .statusCode(204);
        as(lead).queryParam("team_id", team)
                .delete("/v1/reports/schedule/usage")
                .then()
                .statusCode(404);

        Map<String, Object> created = only(org, "schedule.created");
        assertActor(created, "user", "lead");
        assertEquals("schedule", created.get("target_type"));
        assertEquals(id, created.get("target_id"));
        assertEquals("weekly", details(created).path("frequency").asText());
        assertEquals(team, details(created).path("team_id").asText());
        Map<String, Object> replaced = only(org, "schedule.updated");
        assertEquals(id, replaced.get("target_id"));
        assertEquals(
                "elsewhere@example.net",
                details(replaced).path("recipients").get(0).asText(),
                "where reports go is audited");
        Map<String, Object> deleted = only(org, "schedule.deleted");
        assertEquals(id, deleted.get("target_id"));
        assertEquals("usage", details(deleted).path("report_type").asText());
        assertEquals(4, of(org).size(), "one row per change, and the team's creation");
    }

    @Test
    void shouldRecordAnAdHocSendWithItsDelivery() throws Exception {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String member = Jwt.subject("mia")
                .issuer("https://server.example.com")
                .audience("report-api")
                .claim("org_id", org)
                .claim("teams", List.of(team))
                .claim("roles", List.of("member"))
                .claim("email", "mia@example.com")
                .sign();
        String delivery = as(member)
                .queryParam("report_type", "cost")
                .queryParam("format", "csv")
                .post("/v1/reports/send")
                .then()
                .statusCode(202)
                .extract()
                .path("delivery_id");
        Map<String, Object> row = only(org, "delivery.requested");
        assertActor(row, "user", "mia");
        assertEquals("delivery", row.get("target_type"));
        assertEquals(delivery, row.get("target_id"));
        assertEquals("cost", details(row).path("report_type").asText());
        assertEquals("mia@example.com", details(row).path("recipients").get(0).asText());
        assertEquals(1, of(org).size());
    }

    @Test
    void shouldRecordEveryRequestOfTheReportServiceOnceWithMethodAndPath() throws Exception {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        createTeam(Tokens.orgAdmin(org), team).statusCode(201);
        String service = Jwt.subject("svc-scheduler")
                .issuer("https://server.example.com")
                .audience("report-api")
                .claim("roles", List.of("report_service"))
                .claim("azp", "scheduler-service")
                .sign();
        as(service)
                .header("X-Acting-Organization", org)
                .get("/v1/reports")
                .then()
                .statusCode(200);
        // The send resolves its caller twice (resource, then audit of the delivery): still one request row.
        as(service)
                .header("X-Acting-Organization", org)
                .contentType(ContentType.JSON)
                .body(List.of("reports@example.com"))
                .queryParam("report_type", "usage")
                .queryParam("team_id", team)
                .post("/v1/reports/send")
                .then()
                .statusCode(202);
        as(service)
                .header("X-Acting-Organization", org)
                .get("/v1/reports/rpt_00000000000000000000000000000000")
                .then()
                .statusCode(404);

        List<Map<String, Object>> requests = of(org, "acting.request");
        assertEquals(3, requests.size(), "one row per request, answered or not");
        assertEquals("GET", details(requests.get(0)).path("method").asText());
        assertEquals("/v1/reports", details(requests.get(0)).path("path").asText());
        assertEquals("POST", details(requests.get(1)).path("method").asText());
        assertEquals("/v1/reports/send", details(requests.get(1)).path("path").asText());
        assertEquals(
                "/v1/reports/rpt_00000000000000000000000000000000",
                details(requests.get(2)).path("path").asText());
        for (Map<String, Object> row : requests) {
            assertActor(row, "service", "svc-scheduler");
            assertEquals("scheduler-service", row.get("actor_client_id"));
        }
        Map<String, Object> send = only(org, "delivery.requested");
        assertActor(send, "service", "svc-scheduler");
    }
}
