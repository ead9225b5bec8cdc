package dev.gatewayreports.reportapi.fuzz;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * JSON written by hand, so a fuzz body can hold what a JSON library would refuse to write: lone surrogates (as
 * {@code \ud800} escapes), numbers no Java type holds ({@code 1e400}, 2,000 digits), any nesting. Strings are
 * written in ASCII, everything else escaped.
 */
final class JsonText {
    private JsonText() {}

    static String string(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '"' || ch == '\\') {
                out.append('\\').append(ch);
            } else if (ch >= 0x20 && ch < 0x7f) {
                out.append(ch);
            } else {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
            }
        }
        return out.append('"').toString();
    }

    /** An object of raw JSON values, in the map's order. */
    static String object(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> string(e.getKey()) + ":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    /** An array of raw JSON values. */
    static String array(List<String> values) {
        return values.stream().collect(Collectors.joining(",", "[", "]"));
    }

    /** An array of strings. */
    static String strings(List<String> values) {
        return array(values.stream().map(JsonText::string).toList());
    }

    /** {@code depth} nested arrays around {@code inner}. */
    static String nested(int depth, String inner) {
        return "[".repeat(depth) + inner + "]".repeat(depth);
    }
}
