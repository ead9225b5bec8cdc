package dev.gatewayreports.reportapi.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One generated request: method, the raw (already percent-encoded) path and query, headers and body bytes.
 *
 * @param endpoint the endpoint it was made for, for the report
 * @param raw sent over a plain socket as written, for request lines {@link java.net.URI} would refuse
 */
record FuzzRequest(
        String endpoint, String method, String target, Map<String, String> headers, byte[] body, boolean raw) {

    static FuzzRequest of(String endpoint, String method, String target) {
        return new FuzzRequest(endpoint, method, target, new LinkedHashMap<>(), null, false);
    }

    FuzzRequest header(String name, String value) {
        if (value != null) {
            headers.put(name, value);
        }
        return this;
    }

    FuzzRequest body(String contentType, byte[] bytes) {
        header("Content-Type", contentType);
        return new FuzzRequest(endpoint, method, target, headers, bytes, raw);
    }

    FuzzRequest body(String contentType, String text) {
        return body(contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    FuzzRequest asRaw() {
        return new FuzzRequest(endpoint, method, target, headers, body, true);
    }

    /** A short description for the samples: method, target, headers (credentials elided) and the body's start. */
    String describe() {
        StringBuilder out = new StringBuilder(method).append(' ').append(abbreviate(target, 200));
        headers.forEach((name, value) -> out.append(" | ")
                .append(name)
                .append(": ")
                .append(
                        name.equalsIgnoreCase("authorization") || name.equalsIgnoreCase("x-api-key")
                                ? abbreviate(value, 18)
                                : abbreviate(value, 60)));
        if (body != null) {
            out.append(" | body ").append(body.length).append(" B: ").append(abbreviate(printable(body), 200));
        }
        return out.toString();
    }

    static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }

    private static String printable(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, 400); i++) {
            int b = bytes[i] & 0xff;
            out.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b));
        }
        return out.toString();
    }
}
