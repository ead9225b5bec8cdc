package dev.gatewayreports.scheduling.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.scheduling.delivery.DeliveryFailure;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which resolved addresses a webhook may reach, with and without the allow-list and allow-private. */
class WebhookTargetsTest {
    @Test
    void shouldNameEveryNonPublicRange() throws Exception {
        Map<String, String> kinds = Map.ofEntries(
                Map.entry("127.0.0.1", "loopback"),
                Map.entry("127.8.9.10", "loopback"),
                Map.entry("::1", "loopback"),
                Map.entry("10.0.0.7", "private"),
                Map.entry("172.16.0.1", "private"),
                Map.entry("172.31.255.254", "private"),
                Map.entry("192.168.1.1", "private"),
                Map.entry("fc00::1", "private"),
                Map.entry("fd12:3456::1", "private"),
                Map.entry("169.254.169.254", "link-local"),
                Map.entry("fe80::1", "link-local"),
                Map.entry("0.0.0.0", "unspecified"),
                Map.entry("::", "unspecified"),
                Map.entry("224.0.0.1", "multicast"),
                Map.entry("ff02::1", "multicast"),
                Map.entry("100.64.0.1", "shared (carrier-grade NAT)"),
                Map.entry("::ffff:10.1.2.3", "private"));
        kinds.forEach((address, kind) -> {
            try {
                assertEquals(kind, WebhookTargets.nonPublic(InetAddress.getByName(address)), address);
            } catch (java.net.UnknownHostException e) {
                throw new AssertionError(e);
            }
        });
        for (String pub : List.of(
                "8.8.8.8",
                "172.32.0.1",
                "172.15.255.255",
                "192.169.0.1",
                "100.128.0.1",
                "2001:4860:4860::8888",
                "fbff::1")) {
            assertNull(WebhookTargets.nonPublic(InetAddress.getByName(pub)), pub);
        }
    }

    @Test
    void shouldRefuseAPrivateTargetWithItsReasonAndForGood() {
        WebhookTargets targets = new WebhookTargets(List.of(), false);
        DeliveryFailure refused = assertThrows(DeliveryFailure.class, () -> targets.resolve("169.254.169.254"));
        assertTrue(refused.permanent());
        assertEquals(
                "refused: 169.254.169.254 resolves to 169.254.169.254, a link-local address"
                        + " (reports.webhooks.allowed-hosts lists hosts that may)",
                refused.getMessage());
        DeliveryFailure loopback = assertThrows(DeliveryFailure.class, () -> targets.resolve("[::1]"));
        assertTrue(loopback.getMessage().startsWith("refused: ::1 resolves to 0:0:0:0:0:0:0:1, a loopback"));
        assertThrows(DeliveryFailure.class, () -> targets.resolve("localhost"));
    }

    @Test
    void shouldReachAPublicAddressAnAllowedHostOrAnyWhenPrivateIsAllowed() throws Exception {
        assertEquals(
                InetAddress.getByName("93.184.215.14"), new WebhookTargets(List.of(), false).resolve("93.184.215.14"));
        WebhookTargets allowed = new WebhookTargets(List.of(" LocalHost ", "10.0.0.7"), false);
        assertTrue(allowed.resolve("localhost").isLoopbackAddress());
        assertEquals(InetAddress.getByName("10.0.0.7"), allowed.resolve("10.0.0.7"));
        assertThrows(DeliveryFailure.class, () -> allowed.resolve("10.0.0.8"));
        assertEquals(InetAddress.getByName("192.168.0.9"), new WebhookTargets(List.of(), true).resolve("192.168.0.9"));
    }
}
