package dev.gatewayreports.reportapi.export;

import dev.gatewayreports.model.report.Report;
import java.nio.charset.StandardCharsets;

/**
 * File names and the {@code Content-Disposition} header of report downloads. The media types are {@link
 * CsvReportWriter#MEDIA_TYPE} and {@link XlsxReportWriter#MEDIA_TYPE}.
 */
public final class ReportFiles {

    private static final int MAX_PART = 64;
    private static final String HEX = "0123456789ABCDEF";

    private ReportFiles() {}

    /**
     * {@code usage-report_team_xyz_2024-12-19_to_2024-12-25.csv}: the report type, the team and the first and last
     * local day of the period in the report's time zone; only {@code [A-Za-z0-9._-]}.
     */
    public static String fileName(Report report, String extension) {
        StringBuilder name = new StringBuilder();
        name.append(part(orEmpty(report.reportType()), "report")).append("-report_");
        name.append(part(orEmpty(report.teamId()), "all"));
        LocalPeriod.of(report)
                .ifPresent(period ->
                        name.append('_').append(period.first()).append("_to_").append(period.last()));
        String ext = part(extension == null ? "" : extension.replaceFirst("^\\.+", ""), "");
        return ext.isEmpty() ? name.toString() : name + "." + ext;
    }

    /**
     * {@code attachment; filename="…"; filename*=UTF-8''…}: an ASCII fallback (quotes, backslashes and non-ASCII
     * characters replaced) and the exact name percent-encoded (RFC 6266, RFC 8187).
     */
    public static String contentDisposition(String fileName) {
        StringBuilder ascii = new StringBuilder();
        StringBuilder encoded = new StringBuilder();
        fileName.codePoints()
                .forEach(cp -> ascii.append(cp >= 0x20 && cp < 0x7f && cp != '"' && cp != '\\' ? (char) cp : '_'));
        for (byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
            char ch = (char) (b & 0xff);
            if (attrChar(ch)) {
                encoded.append(ch);
            } else {
                encoded.append('%').append(HEX.charAt(ch >> 4)).append(HEX.charAt(ch & 0xf));
            }
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    /** Keeps {@code [A-Za-z0-9._-]}, turns each run of anything else into one {@code _}, and caps the length. */
    static String sanitize(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean replaced = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (safe(ch)) {
                out.append(ch);
                replaced = false;
            } else if (!replaced) {
                out.append('_');
                replaced = true;
            }
        }
        return out.length() > MAX_PART ? out.substring(0, MAX_PART) : out.toString();
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private static String part(String text, String fallback) {
        String clean = sanitize(text);
        return clean.isEmpty() || clean.equals("_") ? fallback : clean;
    }

    private static boolean safe(char ch) {
        return (ch >= 'a' && ch <= 'z')
                || (ch >= 'A' && ch <= 'Z')
                || (ch >= '0' && ch <= '9')
                || ch == '.'
                || ch == '_'
                || ch == '-';
    }

    private static boolean attrChar(char ch) {
        return safe(ch) || ch == '~';
    }
}
