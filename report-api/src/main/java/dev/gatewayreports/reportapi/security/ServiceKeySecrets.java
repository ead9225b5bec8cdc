package dev.gatewayreports.reportapi.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Mints service-key secrets and hashes them for storage and lookup. */
public final class ServiceKeySecrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ServiceKeySecrets() {}

    /** A new secret: the prefix and 192 random bits, URL-safe. */
    public static String mint(String prefix) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
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
