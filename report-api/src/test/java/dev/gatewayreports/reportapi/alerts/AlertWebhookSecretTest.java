package dev.gatewayreports.reportapi.alerts;

import static dev.gatewayreports.reportapi.alerts.AlertCalls.box;
import static dev.gatewayreports.reportapi.alerts.AlertCalls.create;
import static dev.gatewayreports.reportapi.alerts.AlertCalls.get;
import static dev.gatewayreports.reportapi.alerts.AlertCalls.list;
import static dev.gatewayreports.reportapi.alerts.AlertCalls.put;
import static dev.gatewayreports.reportapi.alerts.AlertCalls.rotate;
import static dev.gatewayreports.reportapi.alerts.AlertCalls.rule;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.model.secrets.SecretBox;
import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.reportapi.support.Tokens;
import dev.gatewayreports.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The webhook secret: answered once (create, rotate, a PUT that adds a webhook), stored only sealed with this run's
 * key for this rule's id, kept while a URL stays set, removed with the URL.
 */
@QuarkusTest
class AlertWebhookSecretTest {
    private static final String SECRET = "whsec_[0-9a-f]{64}";

    @Test
    void shouldAnswerTheSecretOnceAndStoreItSealedForThisRule() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String admin = Tokens.user(org, List.of(team), "team_admin");
        Map<String, Object> body = rule(team);
        body.put("webhook_url", "https://hooks.example.com/gateway");
        var answer = create(admin, body)
                .statusCode(201)
                .body("webhook_url", equalTo("https://hooks.example.com/gateway"))
                .body("webhook_secret", matchesPattern(SECRET))
                .extract();
        String id = answer.path("alert_id");
        String secret = answer.path("webhook_secret");

        get(admin, id).statusCode(200).body("$", not(hasKey("webhook_secret")));
        list(admin, null).statusCode(200).body("data[0]", not(hasKey("webhook_secret")));

        String sealed = sealed(id);
        assertTrue(sealed.startsWith("v1."), sealed);
        assertFalse(sealed.contains(secret.substring(6)), "the column holds the secret in clear");
        assertEquals(secret, box().open(id, sealed));
        // Bound to this rule's id, and to this installation's key.
        assertThrows(IllegalArgumentException.class, () -> box().open("alr_" + "0".repeat(32), sealed));
        byte[] otherKey = new byte[32];
        new SecureRandom().nextBytes(otherKey);
        assertThrows(
                IllegalArgumentException.class,
                () -> SecretBox.fromBase64(Base64.getEncoder().encodeToString(otherKey))
                        .open(id, sealed));
    }

    @Test
    void shouldRotateTheSecret() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String admin = Tokens.user(org, List.of(team), "team_admin");
        Map<String, Object> body = rule(team);
        body.put("webhook_url", "http://receiver.internal:8088/hook");
        var answer = create(admin, body).statusCode(201).extract();
        String id = answer.path("alert_id");
        String first = answer.path("webhook_secret");

        String second = rotate(admin, id)
                .statusCode(200)
                .body("webhook_secret", matchesPattern(SECRET))
                .extract()
                .path("webhook_secret");
        assertNotEquals(first, second);
        assertEquals(second, box().open(id, sealed(id)));
        // An org admin may rotate too; each rotation replaces the last.
        String third =
                rotate(Tokens.orgAdmin(org), id).statusCode(200).extract().path("webhook_secret");
        assertEquals(third, box().open(id, sealed(id)));
    }

    @Test
    void shouldRefuseToRotateARuleWithoutWebhook() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String admin = Tokens.user(org, List.of(team), "team_admin");
        String id = AlertCalls.created(admin, rule(team));
        rotate(admin, id)
                .statusCode(409)
                .body("error.code", equalTo("conflict"))
                .body("error.field", equalTo("webhook_url"));
        assertNull(Db.one("select webhook_secret_enc s from alert_rule where alert_id = ?", id)
                .get("s"));
    }

    @Test
    void shouldKeepTheSecretWhileAUrlStaysAndDropItWithTheUrl() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String admin = Tokens.user(org, List.of(team), "team_admin");
        Map<String, Object> body = rule(team);
        body.put("webhook_url", "https://hooks.example.com/a");
        var answer = create(admin, body).statusCode(201).extract();
        String id = answer.path("alert_id");
        String secret = answer.path("webhook_secret");
        String sealed = sealed(id);

        // Another URL, same secret: the receiver's verification keeps working.
        body.put("webhook_url", "https://hooks.example.com/b");
        put(admin, id, body)
                .statusCode(200)
                .body("webhook_url", equalTo("https://hooks.example.com/b"))
                .body("$", not(hasKey("webhook_secret")));
        assertEquals(sealed, sealed(id));
        assertEquals(secret, box().open(id, sealed(id)));

        // No URL: no secret.
        body.remove("webhook_url");
        put(admin, id, body).statusCode(200).body("$", not(hasKey("webhook_secret")));
        assertNull(Db.one("select webhook_secret_enc s from alert_rule where alert_id = ?", id)
                .get("s"));

        // A URL again: a new secret, answered once.
        body.put("webhook_url", "https://hooks.example.com/c");
        String renewed = put(admin, id, body)
                .statusCode(200)
                .body("webhook_secret", matchesPattern(SECRET))
                .extract()
                .path("webhook_secret");
        assertNotEquals(secret, renewed);
        assertEquals(renewed, box().open(id, sealed(id)));
    }

    private static String sealed(String id) {
        return (String) Db.one("select webhook_secret_enc s from alert_rule where alert_id = ?", id)
                .get("s");
    }
}
