package dev.gatewayreports.reportapi.alerts;

import static dev.gatewayreports.reportapi.alerts.AlertCalls.create;
import static dev.gatewayreports.reportapi.alerts.AlertCalls.created;
import static dev.gatewayreports.reportapi.alerts.AlertCalls.put;
import static dev.gatewayreports.reportapi.alerts.AlertCalls.rule;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.reportapi.support.Tokens;
import dev.gatewayreports.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Without an installation key, a webhook is a 400 naming webhook_url; rules without one work as ever. */
@QuarkusTest
@TestProfile(NoSecretsKey.class)
class AlertsWithoutSecretsKeyTest {

    @Test
    void shouldRefuseWebhooksAndAcceptRulesWithoutThem() {
        assertEquals(
                "",
                ConfigProvider.getConfig()
                        .getOptionalValue("reports.secrets.key", String.class)
                        .orElse(""));
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String admin = Tokens.user(org, List.of(team), "team_admin");
        Map<String, Object> body = rule(team);
        body.put("webhook_url", "https://hooks.example.com/gateway");
        create(admin, body)
                .statusCode(400)
                .body("error.field", equalTo("webhook_url"))
                .body("error.message", equalTo("webhooks are not configured on this installation"));
        assertEquals(0, Db.count("select count(*) from alert_rule where org_id = ?", org));

        String id = created(admin, rule(team));
        put(admin, id, body).statusCode(400).body("error.field", equalTo("webhook_url"));
        AlertCalls.rotate(admin, id).statusCode(409);
    }
}
