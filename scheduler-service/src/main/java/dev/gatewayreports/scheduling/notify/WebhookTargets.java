package dev.gatewayreports.scheduling.notify;

import dev.gatewayreports.scheduling.delivery.DeliveryFailure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps webhooks off private networks (SSRF): at send time, since DNS can change after a URL was accepted, the host
 * is resolved and refused when any of its addresses is loopback, private (RFC 1918, fc00::/7), link-local
 * (169.254/16 with the cloud metadata address, fe80::/10), unspecified, multicast or RFC 6598 shared space, unless
 * the host is in {@code reports.webhooks.allowed-hosts} or {@code reports.webhooks.allow-private} is true. The
 * request then goes to the address checked, not to a second lookup that could answer differently.
 */
@ApplicationScoped
public class WebhookTargets {
    private final Set<String> allowedHosts;
    private final boolean allowPrivate;

    @Inject
    public WebhookTargets(WebhookTargetConfig config) {
        this(config.allowedHosts().orElse(List.of()), config.allowPrivate());
    }

    WebhookTargets(List<String> allowedHosts, boolean allowPrivate) {
        this.allowedHosts = allowedHosts.stream()
                .map(h -> h.strip().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        this.allowPrivate = allowPrivate;
    }

    /**
     * The address to connect to for {@code host}; a permanent {@link DeliveryFailure} naming the host and the
     * refused address when it may not be reached, a retryable one when it does not resolve now.
     */
    InetAddress resolve(String host) {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(name);
        } catch (UnknownHostException e) {
            throw new DeliveryFailure("no answer: " + name + " does not resolve", false);
        }
        if (!allowPrivate && !allowedHosts.contains(name.toLowerCase(Locale.ROOT))) {
            for (InetAddress address : addresses) {
                String kind = nonPublic(address);
                if (kind != null) {
                    throw new DeliveryFailure(
                            "refused: " + name + " resolves to " + address.getHostAddress() + ", a " + kind
                                    + " address (reports.webhooks.allowed-hosts lists hosts that may)",
                            true);
                }
            }
        }
        return addresses[0];
    }

    /** What kind of non-public address this is, or null for a public one. */
    static String nonPublic(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 10 || (first == 172 && second >= 16 && second <= 31) || (first == 192 && second == 168)) {
                return "private";
            }
            if (first == 100 && second >= 64 && second <= 127) {
                return "shared (carrier-grade NAT)";
            }
            if (first == 0) {
                return "unspecified";
            }
            return null;
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return "private";
            }
            if (isMappedOrCompatibleV4(b)) {
                try {
                    return nonPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return null;
    }

    /** ::ffff:a.b.c.d (the JDK answers an Inet4Address for these; kept for safety) or ::a.b.c.d. */
    private static boolean isMappedOrCompatibleV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0);
    }
}
