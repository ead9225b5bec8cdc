package dev.gatewayreports.model.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets the services must read back (a webhook's HMAC key), kept in the database encrypted with the installation's
 * key: AES-256-GCM, a fresh 96-bit nonce per secret, the row's id as associated data (a ciphertext copied into
 * another row does not open). A new {@link SecureRandom} per call, never one in a static field: a native image
 * initialises classes at build time, and a generator made then would carry the builder's seed into every pod. Stored as {@code v1.<base64 nonce>.<base64 ciphertext+tag>}. The key (32 bytes,
 * base64) comes from configuration, in Kubernetes from a Secret; it is never in the database or the repository.
 */
public final class SecretBox {
    private static final String PREFIX = "v1.";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;

    private SecretBox(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the secret key must be 32 bytes (base64 of 32 random bytes)");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** A box for the base64 key of configuration. */
    public static SecretBox fromBase64(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalArgumentException("no secret key configured");
        }
        return new SecretBox(Base64.getDecoder().decode(base64Key.strip()));
    }

    /** A new random secret for a client to keep: {@code prefix} then 64 hex digits (256 bits). */
    public static String newSecret(String prefix) {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    /** Encrypts {@code plaintext} for the row {@code rowId}. */
    public String seal(String rowId, String plaintext) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            new SecureRandom().nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(rowId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            Base64.Encoder b64 = Base64.getEncoder();
            return PREFIX + b64.encodeToString(nonce) + "." + b64.encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** Decrypts what {@link #seal} made for the same row; fails on another key, another row or a changed byte. */
    public String open(String rowId, String sealed) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a sealed secret");
        }
        String[] parts = sealed.substring(PREFIX.length()).split("\\.", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("not a sealed secret");
        }
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, b64.decode(parts[0])));
            cipher.updateAAD(rowId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(b64.decode(parts[1])), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the sealed secret does not open with this key for this row", e);
        }
    }
}
