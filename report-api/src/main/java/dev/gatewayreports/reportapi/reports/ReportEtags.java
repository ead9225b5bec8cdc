package dev.gatewayreports.reportapi.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** A quick report's ETag: a digest of its content, without the moment it was generated. */
final class ReportEtags {
    private ReportEtags() {}

    static String of(ObjectNode report) {
        ObjectNode content = report.deepCopy();
        content.remove("generated_at");
        try {
            byte[] json = ReportNumbers.MAPPER.writeValueAsBytes(content);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when an If-None-Match header names the tag (or is {@code *}). */
    static boolean matches(String ifNoneMatch, String tag) {
        return Arrays.stream(ifNoneMatch.split(","))
                .map(String::strip)
                .map(v -> v.startsWith("W/") ? v.substring(2) : v)
                .map(v ->
                        v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v)
                .anyMatch(v -> v.equals(tag) || v.equals("*"));
    }
}
