package dev.gatewayreports.reportapi.keys;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.reportapi.support.Tokens;
import dev.gatewayreports.testing.Db;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** service_key.last_used_at: written when a key authenticates, at most once a minute, never failing a request. */
@QuarkusTest
class KeyLastUseTest {
    private final KeyUseTracker tracker;
    private final KeyUseRepository repository;

    KeyLastUseTest(KeyUseTracker tracker, KeyUseRepository repository) {
        this.tracker = tracker;
        this.repository = repository;
    }

    private static void fixClock(Instant now) {
        QuarkusMock.installMockForType(Clock.fixed(now, ZoneOffset.UTC), Clock.class);
    }

    /** One authenticated request with the key: an empty ingest. */
    private void use(String secret) throws Exception {
        given().header("x-api-key", secret)
                .contentType(ContentType.JSON)
                .body("[]")
                .post("/v1/usage/events")
                .then()
                .statusCode(200);
        tracker.awaitWrites();
    }

    /** The key's row version ({@code xmin} changes with every write) and its last use. */
    private static Map<String, Object> row(String keyId) {
        return Db.one("select xmin::text as version, last_used_at from service_key where key_id = ?", keyId);
    }

    private static String keyIdOf(String org) {
        return (String)
                Db.one("select key_id from service_key where org_id = ?", org).get("key_id");
    }

    @Test
    void shouldWriteOncePerMinuteAndAgainAfterIt() throws Exception {
        Instant now = Instant.parse("2031-01-01T10:00:00Z");
        fixClock(now);
        String org = Tenants.newOrg();
        String secret = Tenants.serviceKey(org, "ingest");
        String keyId = keyIdOf(org);
        assertNull(row(keyId).get("last_used_at"));

        use(secret);
        Map<String, Object> first = row(keyId);
        assertNotNull(first.get("last_used_at"), "the first use is written");
        use(secret);
        assertEquals(first, row(keyId), "a second use within the minute writes nothing");

        // Even when the row would allow it (another replica's view), this replica does not ask within its minute.
        Db.execute("update service_key set last_used_at = now() - interval '2 minutes' where key_id = ?", keyId);
        Map<String, Object> setBack = row(keyId);
        use(secret);
        assertEquals(setBack, row(keyId), "no UPDATE is issued within the replica's minute");

        fixClock(now.plusSeconds(61));
        use(secret);
        Map<String, Object> second = row(keyId);
        assertNotEquals(setBack.get("version"), second.get("version"), "after the minute: a second write");
        assertTrue(((Timestamp) second.get("last_used_at")).after((Timestamp) setBack.get("last_used_at")));
    }

    @Test
    void shouldWriteAtMostOnceAMinuteAcrossReplicas() {
        String org = Tenants.newOrg();
        Tenants.serviceKey(org, "stats");
        String keyId = keyIdOf(org);
        // Two replicas, each past its own in-memory check: the statement itself lets only the first write.
        assertTrue(repository.touch(keyId));
        assertFalse(repository.touch(keyId));
        Db.execute("update service_key set last_used_at = now() - interval '61 seconds' where key_id = ?", keyId);
        assertTrue(repository.touch(keyId));
        assertFalse(repository.touch("key_" + UUID.randomUUID()));
    }

    @Test
    void shouldShowLastUseInTheKeyList() throws Exception {
        fixClock(Instant.parse("2031-02-01T10:00:00Z"));
        String org = Tenants.newOrg();
        String secret = Tenants.serviceKey(org, "ingest");
        String admin = Tokens.orgAdmin(org);
        given().header("Authorization", Tokens.bearer(admin))
                .get("/v1/admin/service-keys")
                .then()
                .statusCode(200)
                .body("[0].last_used_at", nullValue());
        use(secret);
        given().header("Authorization", Tokens.bearer(admin))
                .get("/v1/admin/service-keys")
                .then()
                .statusCode(200)
                .body("[0].last_used_at", notNullValue());
    }

    @Test
    void shouldNotFailTheRequestWhenTheWriteFails() throws Exception {
        fixClock(Instant.parse("2031-03-01T10:00:00Z"));
        String org = Tenants.newOrg();
        String secret = Tenants.serviceKey(org, "ingest");
        String keyId = keyIdOf(org);
        String name = "fail_" + UUID.randomUUID().toString().replace("-", "");
        Db.execute("create function " + name + "() returns trigger language plpgsql as $$ begin"
                + " if new.key_id = '" + keyId + "' then raise exception 'injected failure'; end if;"
                + " return new; end $$");
        Db.execute("create trigger " + name + " before update on service_key for each row execute function " + name
                + "()");
        try {
            use(secret);
            assertNull(row(keyId).get("last_used_at"), "the write failed");
        } finally {
            Db.execute("drop trigger " + name + " on service_key");
            Db.execute("drop function " + name + "()");
        }
    }
}
