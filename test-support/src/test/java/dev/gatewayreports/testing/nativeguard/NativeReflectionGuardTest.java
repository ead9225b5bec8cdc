package dev.gatewayreports.testing.nativeguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.testing.NativeReflectionGuard;
import dev.gatewayreports.testing.NativeReflectionGuard.Result;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The guard itself, on fixtures with a known answer. */
class NativeReflectionGuardTest {
    private static final String P = GuardFixtures.class.getName() + "$";

    private final Result scan = NativeReflectionGuard.scan(GuardFixtures.class.getPackageName(), GuardFixtures.class);

    @Test
    void shouldNameExactlyTheUnregisteredTypesQuarkusCannotSee() {
        assertEquals(
                Map.of(
                        P + "Hidden", "near Response.ok in GuardFixtures$Resource.hidden",
                        P + "HiddenPart", "near Response.ok in GuardFixtures$Resource.hidden",
                        P + "Annotated", "carries Jackson annotations",
                        P + "ClientAnswer", "REST client signature GuardFixtures$Client.answer"),
                scan.unregistered(Map.of()));
    }

    @Test
    void shouldCountResourceSignaturesAndRegistrationsAsRegistered() {
        assertTrue(scan.seenByQuarkus().contains(P + "Seen"));
        assertTrue(scan.seenByQuarkus().contains(P + "Nested"));
        assertTrue(scan.registered().contains(P + "HiddenRegistered"));
        assertTrue(scan.registered().contains(P + "HiddenByTargets"));
        assertTrue(!scan.jsonTypes().containsKey(P + "Internal"), "Internal is not JSON: " + scan.jsonTypes());
    }

    @Test
    void shouldHonourExemptionsByTypeAndByPackage() {
        assertEquals(
                Map.of(P + "Annotated", "carries Jackson annotations"),
                scan.unregistered(Map.of(P + "Hidden", "r", P + "HiddenPart", "r", P + "ClientAnswer", "r")));
        assertEquals(Map.of(), scan.unregistered(Map.of(GuardFixtures.class.getPackageName() + ".", "r")));
    }
}
