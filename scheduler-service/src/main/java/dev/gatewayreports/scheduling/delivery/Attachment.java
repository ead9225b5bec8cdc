package dev.gatewayreports.scheduling.delivery;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A report file as report-api downloads it: the name from its Content-Disposition, its type and bytes. */
public record Attachment(String fileName, String contentType, byte[] content) {
    private static final Pattern FILE_NAME = Pattern.compile("filename\\s*=\\s*\"?([^\";]+)\"?");

    /** The attachment of a download response; a missing or odd file name becomes {@code report.<format>}. */
    public static Attachment of(String contentDisposition, String contentType, String format, byte[] content) {
        return new Attachment(fileName(contentDisposition, format), type(contentType, format), content);
    }

    static String fileName(String contentDisposition, String format) {
        if (contentDisposition != null) {
            Matcher m = FILE_NAME.matcher(contentDisposition);
            if (m.find()) {
                // Only characters that are safe in a MIME parameter and a file system.
                String name = m.group(1).strip().replaceAll("[^A-Za-z0-9._-]", "_");
                if (!name.isEmpty() && !name.startsWith(".") && name.length() <= 150) {
                    return name;
                }
            }
        }
        return "report." + format;
    }

    private static String type(String contentType, String format) {
        if (contentType != null && !contentType.isBlank()) {
            return contentType.replaceAll("\\p{Cntrl}", "");
        }
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "csv" -> "text/csv";
            case "xlsx" -> "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            default -> "application/octet-stream";
        };
    }
}
