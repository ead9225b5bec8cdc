package dev.gatewayreports.model.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void opensWhatItSealedForTheSameRow() {
        SecretBox box = SecretBox.fromBase64(randomKey());
        String secret = SecretBox.newSecret("whsec_");
        String sealed = box.seal("alr_1", secret);
        assertTrue(sealed.startsWith("v1."));
        assertNotEquals(secret, sealed);
        assertEquals(secret, box.open("alr_1", sealed));
        assertNotEquals(sealed, box.seal("alr_1", secret), "a fresh nonce each time");
    }

    @Test
    void refusesAnotherRowAnotherKeyOrAChangedByte() {
        SecretBox box = SecretBox.fromBase64(randomKey());
        String sealed = box.seal("alr_1", "whsec_abc");
        assertThrows(IllegalArgumentException.class, () -> box.open("alr_2", sealed));
        assertThrows(
                IllegalArgumentException.class,
                () -> SecretBox.fromBase64(randomKey()).open("alr_1", sealed));
        // A character inside the ciphertext, all of whose six bits count (near the end a padded group's last
        // characters carry bits the decoder drops, so changing one there can leave the bytes as they were).
        int at = sealed.lastIndexOf('.') + 2;
        char c = sealed.charAt(at);
        String changed = sealed.substring(0, at) + (c == 'A' ? 'z' : 'A') + sealed.substring(at + 1);
        assertThrows(IllegalArgumentException.class, () -> box.open("alr_1", changed));
    }

    @Test
    void keyMustBe32Bytes() {
        assertThrows(
                IllegalArgumentException.class,
                () -> SecretBox.fromBase64(Base64.getEncoder().encodeToString(new byte[16])));
        assertThrows(IllegalArgumentException.class, () -> SecretBox.fromBase64(""));
    }
}
