package dev.gatewayreports.reportapi.security;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Mints service-key secrets and hashes them for storage and lookup.
 *
 * <p>A bean rather than a static {@code SecureRandom}: a native image initializes classes at build time, so a static
 * generator would be created in the builder and frozen into the image heap with the builder's seed (GraalVM refuses
 * it: "Detected an instance of Random/SplittableRandom class in the image heap"). The bean, and so its generator, is
 * created when the running service first needs it.
 */
@Singleton
public class ServiceKeySecrets {
    private final SecureRandom random = new SecureRandom();

    /** A new secret: the prefix and 192 random bits, URL-safe. */
    public String mint(String prefix) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** SHA-256 of the secret: what the database stores and looks keys up by. */
    public static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
