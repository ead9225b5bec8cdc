package dev.gatewayreports.reportapi.schedules;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.reportapi.support.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** A send notifies {@code report_delivery} with its delivery id (scheduler-service listens and sends at once). */
@QuarkusTest
class SendNotifiesSchedulerTest {
    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldNotifyTheDeliveryIdWhenASendIsRecorded() throws Exception {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String member = Tokens.withEmail("dave@example.com", org, List.of(team), "member");
        try (Connection listener = dataSource.getConnection()) {
            try (Statement s = listener.createStatement()) {
                s.execute("LISTEN " + DeliveryRepository.CHANNEL);
            }
            String id = given().header("Authorization", Tokens.bearer(member))
                    .queryParam("report_type", "usage")
                    .post("/v1/reports/send")
                    .then()
                    .statusCode(202)
                    .extract()
                    .path("delivery_id");
            PGNotification[] received = listener.unwrap(PGConnection.class).getNotifications(5_000);
            assertNotNull(received, "no notification within 5 s");
            assertEquals(1, received.length);
            assertEquals("report_delivery", received[0].getName());
            assertEquals(id, received[0].getParameter());
            // A refused send (no recipient) records nothing and notifies nothing.
            given().header("Authorization", Tokens.bearer(Tokens.withEmail(null, org, List.of(team), "member")))
                    .queryParam("report_type", "usage")
                    .post("/v1/reports/send")
                    .then()
                    .statusCode(400);
            PGNotification[] none = listener.unwrap(PGConnection.class).getNotifications(500);
            assertEquals(0, none == null ? 0 : none.length);
            try (Statement s = listener.createStatement()) {
                s.execute("UNLISTEN *");
            }
        }
    }
}
