package dev.gatewayreports.reportapi.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * An event's identity digest, computed here exactly as the database's {@code usage_event_key_hash(team_id,
 * request_id)} (V28) computes it: md5 over the UTF-8 bytes of the team id's length in characters (code points, as
 * PostgreSQL counts them), ':', the team id and the request id, read as a uuid. Ingest sends the digests, so the
 * database hashes nothing and no ids travel twice. Not thread-safe: one per request.
 */
final class IdentityDigest {
    private final MessageDigest md5;
    private byte[] buffer = new byte[256];

    IdentityDigest() {
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }

    UUID of(String teamId, String requestId) {
        int length = 0;
        length = putDecimal(teamId.codePointCount(0, teamId.length()), length);
        length = put((byte) ':', length);
        length = putUtf8(teamId, length);
        length = putUtf8(requestId, length);
        md5.update(buffer, 0, length);
        byte[] d = md5.digest();
        return new UUID(high(d, 0), high(d, 8));
    }

    private static long high(byte[] d, int from) {
        long v = 0;
        for (int i = from; i < from + 8; i++) {
            v = (v << 8) | (d[i] & 0xff);
        }
        return v;
    }

    private int putDecimal(int value, int at) {
        String digits = Integer.toString(value);
        for (int i = 0; i < digits.length(); i++) {
            at = put((byte) digits.charAt(i), at);
        }
        return at;
    }

    private int put(byte b, int at) {
        ensure(at + 1);
        buffer[at] = b;
        return at + 1;
    }

    private int putUtf8(String text, int at) {
        int n = text.length();
        ensure(at + n);
        for (int i = 0; i < n; i++) {
            char ch = text.charAt(i);
            if (ch >= 0x80) {
                byte[] bytes = text.substring(i).getBytes(StandardCharsets.UTF_8);
                ensure(at + bytes.length);
                System.arraycopy(bytes, 0, buffer, at, bytes.length);
                return at + bytes.length;
            }
            buffer[at++] = (byte) ch;
        }
        return at;
    }

    private void ensure(int size) {
        if (size > buffer.length) {
            buffer = java.util.Arrays.copyOf(buffer, Math.max(size, buffer.length * 2));
        }
    }
}
