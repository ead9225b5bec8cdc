package dev.gatewayreports.scheduling.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Gateway-Signature} header: {@code t=<unix seconds>,v1=<lowercase hex HMAC-SHA256 of "<t>.<raw
 * body>">}, keyed by the rule's secret's UTF-8 bytes (the whole {@code whsec_…} string). Receivers recompute it
 * over the raw body, compare in constant time, reject {@code |now − t| > 300 s} and dedupe by event id.
 */
public final class WebhookSignature {
    public static final String HEADER = "X-Gateway-Signature";
    public static final String EVENT_ID_HEADER = "X-Gateway-Event-Id";

    private WebhookSignature() {}

    /** The header value for {@code body} sent at {@code unixSeconds}. */
    public static String header(String secret, long unixSeconds, byte[] body) {
        return "t=" + unixSeconds + ",v1=" + hmacHex(secret, unixSeconds, body);
    }

    /** Lowercase hex HMAC-SHA256 of {@code "<t>.<body>"}. */
    public static String hmacHex(String secret, long unixSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
