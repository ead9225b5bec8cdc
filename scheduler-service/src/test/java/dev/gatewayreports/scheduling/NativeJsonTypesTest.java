package dev.gatewayreports.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.model.schedules.ReportWindow;
import dev.gatewayreports.scheduling.delivery.ReportMailer;
import dev.gatewayreports.testing.NativeReflectionGuard;
import dev.gatewayreports.testing.NativeReflectionGuard.Result;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The native-image guard of scheduler-service's JSON: every type Jackson writes or reads here (the client to
 * report-api reads the report records) is registered for reflection, by Quarkus or by {@link NativeJsonTypes}. See {@link NativeReflectionGuard} for what the scan
 * can and cannot see.
 */
class NativeJsonTypesTest {
    /** Records the scan counts as JSON because they sit beside a sink, though Jackson never sees them. */
    static final Map<String, String> NOT_JSON = Map.of(
            "dev.gatewayreports.model.fixtures.",
            "test and load-generator data (UsageEventJson); no service code uses it",
            "dev.gatewayreports.scheduling.delivery.DeliveryRequest",
            "the claimed delivery; the request to report-api is built from it field by field",
            "dev.gatewayreports.scheduling.notify.ClaimedNotification",
            "the claimed alert notification; the webhook body (WebhookBody) is built from it field by field",
            "dev.gatewayreports.scheduling.notify.ClaimedNotification$Event",
            "the claimed notification's event, read field by field into WebhookBody",
            "dev.gatewayreports.scheduling.notify.ClaimedNotification$Rule",
            "the claimed notification's rule, read field by field into WebhookBody",
            "dev.gatewayreports.scheduling.due.ClaimedDelivery",
            "the claimed delivery; a schedule's webhook body (ScheduledReportBody) is built from it field by field",
            "dev.gatewayreports.scheduling.due.ClaimedDelivery$Webhook",
            "the claimed delivery's webhook target, read field by field into ScheduledReportBody");

    private final Result scan =
            NativeReflectionGuard.scan("dev.gatewayreports", ReportMailer.class, ReportWindow.class);

    @Test
    void shouldRegisterEveryJsonTypeQuarkusCannotSee() {
        assertTrue(scan.classesScanned() > 50, "scanned " + scan.classesScanned() + " classes");
        assertEquals(
                Map.of(),
                scan.unregistered(NOT_JSON),
                "JSON types a native image would not register for reflection (type = why it is JSON): register them"
                        + " with @RegisterForReflection, or add them to NOT_JSON with the reason when Jackson never"
                        + " sees them");
    }
}
