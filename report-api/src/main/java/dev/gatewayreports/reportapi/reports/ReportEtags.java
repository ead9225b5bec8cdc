package dev.gatewayreports.reportapi.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gatewayreports.model.report.Report;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * ETags of reports. A quick report's is a digest of its content without the moment it was generated; a saved
 * report's (it never changes) a digest of its stored text and the format it is answered in.
 */
final class ReportEtags {
    private ReportEtags() {}

    static String of(Report report) {
        try {
            return digest(ReportNumbers.MAPPER.writeValueAsBytes(report.withoutGeneratedAt()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ETag of a saved report's body answered in a format. */
    static String ofSaved(String body, ExportFormat format) {
        return digest((format.wire() + "\n" + body).getBytes(StandardCharsets.UTF_8));
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
        } catch (NoSuchAlgorithmException e) {
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
