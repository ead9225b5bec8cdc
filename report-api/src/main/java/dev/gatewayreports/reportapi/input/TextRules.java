package dev.gatewayreports.reportapi.input;

import java.util.Locale;

/**
 * The one rule for text a client sends (JSON strings, query parameters, path ids, event fields): no control
 * characters (C0, DEL, C1; PostgreSQL refuses NUL in text outright) and no unpaired UTF-16 surrogate (it cannot be
 * encoded as UTF-8, so a driver would silently store a replacement). Free text such as an event's
 * {@code error_message} may also hold tabs and line breaks.
 */
public final class TextRules {
    private TextRules() {}

    /** Why this identifier, name or filter value is not acceptable, or null when it is. */
    public static String problem(String value) {
        return problem(value, false);
    }

    /** As {@link #problem}, but tabs, line feeds and carriage returns are allowed. */
    public static String freeTextProblem(String value) {
        return problem(value, true);
    }

    private static String problem(String value, boolean tabsAndLineBreaks) {
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch >= 0x20 && ch < 0x7f) {
                continue;
            }
            if (isControl(ch)) {
                if (tabsAndLineBreaks && (ch == '\t' || ch == '\n' || ch == '\r')) {
                    continue;
                }
                return ch == 0
                        ? "must not contain NUL characters"
                        : "must not contain control characters (" + code(ch) + ")";
            }
            if (Character.isHighSurrogate(ch)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(ch)) {
                return "must not contain an unpaired surrogate (" + code(ch) + "); send valid UTF-8";
            }
        }
        return null;
    }

    /** The value with every control character and unpaired surrogate replaced by '?', safe to echo in a message. */
    public static String printable(String value) {
        if (value == null || problem(value) == null) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (Character.isHighSurrogate(ch)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                out.append(ch).append(value.charAt(++i));
            } else {
                out.append(isControl(ch) || Character.isSurrogate(ch) ? '?' : ch);
            }
        }
        return out.toString();
    }

    private static boolean isControl(char ch) {
        return ch < 0x20 || (ch >= 0x7f && ch <= 0x9f);
    }

    private static String code(char ch) {
        return String.format(Locale.ROOT, "U+%04X", (int) ch);
    }
}
