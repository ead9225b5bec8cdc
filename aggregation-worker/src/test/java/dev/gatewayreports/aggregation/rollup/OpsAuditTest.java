package dev.gatewayreports.aggregation.rollup;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewayreports.model.audit.Actor;
import dev.gatewayreports.testing.Db;
import dev.gatewayreports.testing.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.jwt.build.Jwt;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Rebuilds and retention runs write one system-wide audit row (no organization) in their own transaction. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
@TestProfile(ManualRollups.class)
class OpsAuditTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Retention retention;

    OpsAuditTest(Retention retention) {
        this.retention = retention;
    }

    /** An operator's token: role ops (in the configured roles claim), e-mail and OIDC client. */
    private static String operator(String subject, String... roles) {
        return "Bearer "
                + Jwt.subject(subject)
                        .issuer("https://server.example.com")
                        .audience("aggregation-worker")
                        .claim("roles", List.of(roles))
                        .claim("email", subject + "@ops.example")
                        .claim("azp", "ops-cli")
                        .sign();
    }

    private static long newestId() {
        return Db.count("select coalesce(max(event_id), 0) from audit_event");
    }

    private static List<Map<String, Object>> rowsAfter(long id, String action) {
        return Db.query(
                "select *, details::text as details_json from audit_event where event_id > ? and action = ?"
                        + " order by event_id",
                id,
                action);
    }

    private static JsonNode details(Map<String, Object> row) throws Exception {
        return JSON.readTree((String) row.get("details_json"));
    }

    @Test
    void shouldRecordARebuildWithItsOperatorAndNoOrganization() throws Exception {
        long before = newestId();
        given().header("Authorization", operator("op-ana", "ops"))
                .post("/v1/ops/rollups/rebuild?from=2020-01-01T06:00:00Z&to=2020-01-02T00:00:00Z")
                .then()
                .statusCode(200)
                .body("events", equalTo(0));
        List<Map<String, Object>> rows = rowsAfter(before, "ops.rollups_rebuilt");
        assertEquals(1, rows.size());
        Map<String, Object> row = rows.get(0);
        assertNull(row.get("org_id"), "a rebuild is system-wide");
        assertEquals("operator", row.get("actor_kind"));
        assertEquals("op-ana", row.get("actor_subject"));
        assertEquals("op-ana@ops.example", row.get("actor_email"));
        assertEquals("ops-cli", row.get("actor_client_id"));
        assertEquals("2020-01-01T00:00:00Z", details(row).path("from").asText(), "the whole UTC days rebuilt");
        assertEquals("2020-01-02T00:00:00Z", details(row).path("to").asText());
        assertEquals(0, details(row).path("events").asLong());
    }

    @Test
    void shouldRecordNothingForARefusedRun() {
        long before = newestId();
        given().post("/v1/ops/retention").then().statusCode(401);
        given().header("Authorization", operator("op-bo", "member"))
                .post("/v1/ops/retention")
                .then()
                .statusCode(403);
        given().header("Authorization", operator("op-bo", "ops"))
                .post("/v1/ops/rollups/rebuild?from=2020-01-02T00:00:00Z&to=2020-01-01T00:00:00Z")
                .then()
                .statusCode(400);
        assertEquals(before, newestId());
    }

    @Test
    void shouldRecordRetentionRunsOfOperatorsAndTheNightlyJob() throws Exception {
        long before = newestId();
        given().header("Authorization", operator("op-cy", "ops"))
                .post("/v1/ops/retention")
                .then()
                .statusCode(200);
        retention.nightly();
        List<Map<String, Object>> rows = rowsAfter(before, "ops.retention_applied");
        assertEquals(2, rows.size());
        assertEquals("operator", rows.get(0).get("actor_kind"));
        assertEquals("op-cy", rows.get(0).get("actor_subject"));
        assertEquals("system", rows.get(1).get("actor_kind"));
        assertEquals("aggregation-worker", rows.get(1).get("actor_subject"));
        for (Map<String, Object> row : rows) {
            assertNull(row.get("org_id"));
            assertEquals(
                    LocalDate.now(ZoneOffset.UTC).minusDays(400).toString(),
                    details(row).path("raw_before").asText());
            assertTrue(details(row).has("partitions_dropped"));
            assertTrue(details(row).has("rollup_rows_deleted"));
        }
    }

    @Test
    void shouldDropNoPartitionWhenItsAuditRowCannotBeWritten() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate old = today.minusDays(420);
        String partition = "usage_event_p" + old.format(DateTimeFormatter.BASIC_ISO_DATE);
        Db.execute("select usage_event_ensure_partitions(?::date, ?::date)", old.toString(), old.toString());
        String name = "fail_" + UUID.randomUUID().toString().replace("-", "");
        Db.execute("create function " + name + "() returns trigger language plpgsql as $$ begin"
                + " if new.action = 'ops.retention_applied' then raise exception 'injected failure'; end if;"
                + " return new; end $$");
        Db.execute("create trigger " + name + " before insert on audit_event for each row execute function " + name
                + "()");
        long before = newestId();
        try {
            assertThrows(SQLException.class, () -> retention.apply(today, Actor.system("test")));
        } finally {
            Db.execute("drop trigger " + name + " on audit_event");
            Db.execute("drop function " + name + "()");
        }
        assertEquals(1, Db.count("select count(*) from pg_class where relname = ?", partition), "still there");
        assertEquals(before, newestId());

        long[] result = retention.apply(today, Actor.system("test"));
        assertEquals(0, Db.count("select count(*) from pg_class where relname = ?", partition));
        List<Map<String, Object>> rows = rowsAfter(before, "ops.retention_applied");
        assertEquals(1, rows.size());
        assertEquals(result[0], details(rows.get(0)).path("partitions_dropped").asLong());
        assertTrue(result[0] >= 1);
    }
}
