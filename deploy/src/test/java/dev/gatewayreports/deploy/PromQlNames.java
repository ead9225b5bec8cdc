package dev.gatewayreports.deploy;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads, and a check of its brackets. Not a PromQL parser (none is published
 * for Java on Maven Central): it removes what cannot be a metric name — strings, label matchers, range and
 * subquery brackets, the label lists of {@code by}, {@code without}, {@code on}, {@code ignoring} and
 * {@code group_left/right}, Grafana variables, numbers and durations — and answers every identifier left that is
 * not a function call or a keyword.
 */
final class PromQlNames {
    private static final Set<String> KEYWORDS = Set.of(
            "and",
            "or",
            "unless",
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "bool",
            "offset",
            "atan2",
            "inf",
            "nan");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern LABEL_LIST =
            Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^()]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private PromQlNames() {}

    static Set<String> of(String expr) {
        String s = STRING.matcher(expr).replaceAll(" ");
        s = s.replaceAll("\\$\\{?\\w+}?", " ");
        s = s.replaceAll("\\{[^{}]*}", " ");
        s = s.replaceAll("\\[[^\\[\\]]*]", " ");
        s = LABEL_LIST.matcher(s).replaceAll(" ");
        s = s.replaceAll("\\b\\d+(\\.\\d+)?([eE][+-]?\\d+)?(ms|s|m|h|d|w|y)?\\b", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String word = m.group();
            boolean call = s.substring(m.end()).stripLeading().startsWith("(");
            if (!call && !KEYWORDS.contains(word.toLowerCase())) {
                names.add(word);
            }
        }
        return names;
    }

    /** Null when every (, [ and { is closed in order outside strings; otherwise what is wrong. */
    static String bracketProblem(String expr) {
        String s = STRING.matcher(expr).replaceAll("\"\"");
        StringBuilder open = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '(', '[', '{' -> open.append(c);
                case ')', ']', '}' -> {
                    char want = c == ')' ? '(' : c == ']' ? '[' : '{';
                    if (open.isEmpty() || open.charAt(open.length() - 1) != want) {
                        return "unbalanced '" + c + "'";
                    }
                    open.setLength(open.length() - 1);
                }
                default -> {}
            }
        }
        return open.isEmpty() ? null : "unclosed '" + open.charAt(open.length() - 1) + "'";
    }
}
