package dev.gatewayreports.reportapi.admin;

import dev.gatewayreports.reportapi.errors.ApiException;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque, signed {@code next_page} tokens: {@code page_<payload>.<HMAC-SHA256>}, both base64url. The payload pins
 * the report, its parameters (a digest), the whole window and the next bucket, so a page continues exactly where
 * the previous one ended however much data arrives meanwhile; any change to a token is a 400 naming {@code page}.
 *
 * <p>Every replica signs with the same configured secret, so a token made by one is honoured by all of them and
 * after a restart. There is no fallback: without a secret of at least {@link #MIN_SECRET_BYTES} bytes the service
 * does not start (made at start-up, not at the first admin request).
 */
@Startup
@ApplicationScoped
public class PageCursor {
    /** The shortest secret accepted: as long as the HMAC-SHA256 output. */
    public static final int MIN_SECRET_BYTES = 32;

    private static final String KEY = "reports.admin.cursor-secret (env REPORTS_ADMIN_CURSOR_SECRET)";
    private static final String PREFIX = "page_";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** What a token carries. */
    public record Position(String report, String parameters, long windowStart, long windowEnd, long next) {}

    private final byte[] secret;

    public PageCursor(AdminConfig config) {
        this.secret = secret(config);
    }

    /** The configured secret as bytes; refuses a missing or short one with a message naming the key. */
    static byte[] secret(AdminConfig config) {
        String value = config.cursorSecret().orElse("");
        if (value.isBlank()) {
            throw new IllegalStateException(KEY + " is required: the secret that signs the admin API's next_page"
                    + " tokens, the same on every replica, at least " + MIN_SECRET_BYTES + " bytes");
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException(
                    KEY + " is " + bytes.length + " bytes (UTF-8); it must be at least " + MIN_SECRET_BYTES);
        }
        return bytes;
    }

    public String encode(Position p) {
        String payload = String.join(
                "|",
                "1",
                p.report(),
                p.parameters(),
                Long.toString(p.windowStart()),
                Long.toString(p.windowEnd()),
                Long.toString(p.next()));
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return PREFIX + B64.encodeToString(bytes) + "." + B64.encodeToString(mac(bytes));
    }

    /** The position of a token this service made, for this report and these parameters; a 400 otherwise. */
    public Position decode(String token, String report, String parameters) {
        Position p = parse(token);
        if (p == null || !p.report().equals(report)) {
            throw ApiException.invalid("page", "page: not a next_page token of this report");
        }
        if (!p.parameters().equals(parameters)) {
            throw ApiException.invalid("page", "page: belongs to a request with other parameters");
        }
        return p;
    }

    private Position parse(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return null;
        }
        String[] parts = token.substring(PREFIX.length()).split("\\.", -1);
        if (parts.length != 2) {
            return null;
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(parts[0]);
            byte[] signature = Base64.getUrlDecoder().decode(parts[1]);
            boolean canonical = B64.encodeToString(payload).equals(parts[0])
                    && B64.encodeToString(signature).equals(parts[1]);
            if (!canonical || !MessageDigest.isEqual(mac(payload), signature)) {
                return null;
            }
            String[] f = new String(payload, StandardCharsets.UTF_8).split("\\|", -1);
            if (f.length != 6 || !f[0].equals("1")) {
                return null;
            }
            return new Position(f[1], f[2], Long.parseLong(f[3]), Long.parseLong(f[4]), Long.parseLong(f[5]));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
