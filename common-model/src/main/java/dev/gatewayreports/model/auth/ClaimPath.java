package dev.gatewayreports.model.auth;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Where a value sits in an access token, written as quarkus-oidc writes {@code role-claim-path}: segments separated
 * by {@code /} from the top-level claims down through nested objects, a segment in double quotes taken literally (it
 * may hold {@code /} or {@code .}). Examples: {@code roles}; Keycloak's realm roles {@code realm_access/roles}; an
 * Auth0 namespaced claim {@code "https://gateway.example/roles"}.
 *
 * <p>Both token-accepting services read roles with it (report-api also e-mail, organization and teams), so a value
 * means the same everywhere. Claims are read through a function of the top-level claim name ({@code
 * JsonWebToken::getClaim}); nested objects are {@link Map}s (a {@code jakarta.json.JsonObject} is one).
 *
 * @param segments the claim names from the top level down; never empty, none blank
 */
public record ClaimPath(List<String> segments) {

    public ClaimPath {
        segments = List.copyOf(segments);
        if (segments.isEmpty() || segments.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("a claim path needs at least one segment and no empty one");
        }
    }

    /**
     * Parses a configured path.
     *
     * @throws IllegalArgumentException for an empty path or segment (an unquoted URL such as {@code https://x/roles}
     *     has one: quote it) or an unclosed quote
     */
    public static ClaimPath parse(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("empty claim path");
        }
        List<String> segments = new ArrayList<>();
        StringBuilder segment = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                wasQuoted = true;
            } else if (c == '/' && !quoted) {
                segments.add(checked(path, segment.toString(), wasQuoted));
                segment.setLength(0);
                wasQuoted = false;
            } else {
                segment.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unclosed quote in claim path " + path);
        }
        segments.add(checked(path, segment.toString(), wasQuoted));
        return new ClaimPath(segments);
    }

    private static String checked(String path, String segment, boolean quoted) {
        String name = quoted ? segment : segment.trim();
        if (name.isBlank()) {
            throw new IllegalArgumentException("claim path " + path
                    + " has an empty segment (segments are separated by '/'; quote a claim name that contains one,"
                    + " e.g. \"https://gateway.example/roles\")");
        }
        return name;
    }

    /** The value at this path, or null when any segment is missing or a value on the way is not an object. */
    public Object find(Function<String, Object> topLevelClaims) {
        Object value = topLevelClaims.apply(segments.get(0));
        for (String name : segments.subList(1, segments.size())) {
            if (!(value instanceof Map<?, ?> object)) {
                return null;
            }
            value = object.get(name);
        }
        return value == JsonValue.NULL ? null : value;
    }

    /** The strings at this path: a JSON array's strings, or a space- or comma-separated string split; else none. */
    public Set<String> strings(Function<String, Object> topLevelClaims) {
        return strings(find(topLevelClaims));
    }

    /** The single string at this path (a string or a number), or null. */
    public String string(Function<String, Object> topLevelClaims) {
        Object value = find(topLevelClaims);
        if (value instanceof JsonString s) {
            return s.getString();
        }
        if (value instanceof String || value instanceof Number || value instanceof JsonNumber) {
            return value.toString();
        }
        return null;
    }

    /** A claim value as a set of strings; non-string array elements and objects are ignored. */
    public static Set<String> strings(Object claim) {
        Set<String> values = new LinkedHashSet<>();
        if (claim instanceof Collection<?> array) { // also a jakarta.json.JsonArray
            for (Object element : array) {
                if (element instanceof JsonString s) {
                    values.add(s.getString());
                } else if (element instanceof String s) {
                    values.add(s);
                }
            }
        } else if (claim instanceof JsonString s) {
            split(s.getString(), values);
        } else if (claim instanceof String s) {
            split(s, values);
        }
        return values;
    }

    private static void split(String text, Set<String> into) {
        Arrays.stream(text.split("[\\s,]+")).filter(s -> !s.isEmpty()).forEach(into::add);
    }

    @Override
    public String toString() {
        return String.join(
                "/",
                segments.stream().map(s -> s.contains("/") ? '"' + s + '"' : s).toList());
    }
}
