package dev.gatewayreports.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.aggregation.ops.OpsResource;
import dev.gatewayreports.model.audit.AuditEntry;
import dev.gatewayreports.model.stats.StatsRow;
import dev.gatewayreports.testing.NativeReflectionGuard;
import dev.gatewayreports.testing.NativeReflectionGuard.Result;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The native-image guard of aggregation-worker's JSON: the operator endpoints answer maps of plain values today;
 * a record that leaves through a {@code Response} or an {@code ObjectMapper} must be registered for reflection.
 * See {@link NativeReflectionGuard} for what the scan can and cannot see.
 */
class NativeJsonTypesTest {
    /** Records the scan counts as JSON because they sit beside a sink, though Jackson never sees them. */
    static final Map<String, String> NOT_JSON = Map.of(
            "dev.gatewayreports.model.fixtures.",
            "test and load-generator data (UsageEventJson); no service code uses it",
            "dev.gatewayreports.model.report.",
            "the report records and the generate request (common-model): report-api and scheduler-service write and"
                    + " read them and register them; the worker never does");

    private final Result scan =
            NativeReflectionGuard.scan("dev.gatewayreports", OpsResource.class, StatsRow.class, AuditEntry.class);

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
