package dev.gatewayreports.reportapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.model.audit.AuditEntry;
import dev.gatewayreports.model.stats.StatsRow;
import dev.gatewayreports.reportapi.admin.AdminError;
import dev.gatewayreports.reportapi.errors.ApiError;
import dev.gatewayreports.reportapi.schedules.SendResponse;
import dev.gatewayreports.testing.NativeReflectionGuard;
import dev.gatewayreports.testing.NativeReflectionGuard.Result;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The native-image guard of report-api's JSON: every type Jackson writes or reads here is registered for reflection,
 * by Quarkus (resource signatures) or by {@link NativeJsonTypes}. See {@link NativeReflectionGuard} for what the
 * scan can and cannot see.
 */
class NativeJsonTypesTest {
    /** Records the scan counts as JSON because they sit beside a sink, though Jackson never sees them. */
    static final Map<String, String> NOT_JSON = Map.of(
            "dev.gatewayreports.model.fixtures.",
            "test and load-generator data (UsageEventJson); no service code uses it",
            "dev.gatewayreports.reportapi.security.Caller",
            "the authenticated caller, fetched beside the entity",
            "dev.gatewayreports.reportapi.reports.ReportSpec",
            "parsed from the request by hand (ReportRequests)",
            "dev.gatewayreports.reportapi.schedules.SendRequest",
            "built from query parameters and a plain-text body (ScheduleRequests.send)",
            "dev.gatewayreports.reportapi.reports.SavedReportRepository$Stored",
            "a database row; its JSON column is read into the report records",
            "dev.gatewayreports.reportapi.alerts.AlertRequest",
            "made from the bound AlertBody by AlertRequests.fromBody; Jackson never sees it");

    private final Result scan =
            NativeReflectionGuard.scan("dev.gatewayreports", NativeJsonTypes.class, StatsRow.class, AuditEntry.class);

    @Test
    void shouldRegisterEveryJsonTypeQuarkusCannotSee() {
        assertEquals(
                Map.of(),
                scan.unregistered(NOT_JSON),
                "JSON types a native image would not register for reflection (type = why it is JSON): add them to"
                        + " NativeJsonTypes, or to NOT_JSON with the reason when Jackson never sees them");
    }

    @Test
    void shouldSeeTheTypesThatLeaveOnlyThroughMappersFiltersAndResponses() {
        assertTrue(scan.classesScanned() > 200, "scanned " + scan.classesScanned() + " classes");
        for (Class<?> type :
                new Class<?>[] {ApiError.class, AdminError.class, AdminError.Body.class, SendResponse.class}) {
            assertTrue(scan.jsonTypes().containsKey(type.getName()), type + " found as JSON: " + scan.jsonTypes());
            assertTrue(!scan.seenByQuarkus().contains(type.getName()), type + " is not a resource signature type");
        }
        assertTrue(scan.seenByQuarkus().contains("dev.gatewayreports.reportapi.ingest.IngestResponse$Rejected"));
    }

    @Test
    void shouldNotExemptWhatIsRegisteredOrNoLongerFound() {
        NOT_JSON.keySet().stream().filter(k -> !k.endsWith(".")).forEach(type -> {
            assertTrue(scan.jsonTypes().containsKey(type), type + " is no longer found: drop it from NOT_JSON");
            assertTrue(!scan.registered().contains(type), type + " is registered and exempt at once");
        });
    }
}
