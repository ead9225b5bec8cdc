package dev.gatewayreports.reportapi.input;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8: the JDK's decoder with errors reported, not replaced. It refuses what lenient decoders let through
 * or silently turn into U+FFFD: stray continuation bytes, truncated sequences, overlong forms (C0 80 for NUL),
 * encoded surrogates (ED A0 80) and bytes F5–FF.
 */
public final class Utf8 {
    private Utf8() {}

    /** The offset (from {@code from}) of the first byte that is not valid UTF-8 in the range, or -1 when none is. */
    public static int firstMalformed(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to && bytes[i] >= 0) {
            i++; // ASCII needs no decoder
        }
        if (i == to) {
            return -1;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, i, to - i);
        CharBuffer out = CharBuffer.allocate(Math.min(8_192, to - i + 1));
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                return in.position() - from;
            }
            if (result.isUnderflow()) {
                return -1;
            }
            out.clear();
        }
    }

    /** The range as a string, or null when it is not valid UTF-8. */
    public static String decode(byte[] bytes, int from, int to) {
        return firstMalformed(bytes, from, to) >= 0 ? null : new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }
}
