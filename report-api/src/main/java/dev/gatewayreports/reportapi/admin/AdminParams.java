package dev.gatewayreports.reportapi.admin;

import dev.gatewayreports.model.time.Timestamps;
import dev.gatewayreports.reportapi.errors.ApiException;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** Reading the admin API's query parameters; every problem is a 400 whose message starts with the parameter. */
final class AdminParams {
    private final MultivaluedMap<String, String> query;

    AdminParams(MultivaluedMap<String, String> query) {
        this.query = query;
    }

    /** One value; a repeated parameter is a 400. */
    String single(String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw ApiException.invalid(name, name + ": give it once");
        }
        return values.get(0);
    }

    Instant instant(String name, boolean required) {
        String text = single(name);
        if (text == null || text.isBlank()) {
            if (required) {
                throw ApiException.invalid(name, name + ": required (an RFC 3339 timestamp)");
            }
            return null;
        }
        Instant instant = Timestamps.parse(text);
        if (instant == null) {
            throw ApiException.invalid(
                    name, name + ": not an RFC 3339 timestamp with an offset from " + Timestamps.RANGE);
        }
        return instant;
    }

    int limit(int defaultLimit, int max) {
        String text = single("limit");
        if (text == null) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(text.trim());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // falls through to the 400
        }
        throw ApiException.invalid("limit", "limit: must be an integer from 1 to " + max);
    }

    /**
     * Every value of a list parameter, as {@code name[]} (the documented form), {@code name} or comma-separated;
     * each must be among {@code allowed} when that is not null. Sorted and distinct.
     */
    List<String> list(String name, Collection<String> allowed) {
        TreeSet<String> values = new TreeSet<>();
        for (String key : List.of(name + "[]", name)) {
            for (String raw : query.getOrDefault(key, List.of())) {
                for (String v : raw.split(",")) {
                    String value = v.trim();
                    if (value.isEmpty()) {
                        throw ApiException.invalid(name, name + "[]: empty value");
                    }
                    if (allowed != null && !allowed.contains(value)) {
                        throw ApiException.invalid(
                                name, name + "[]: unknown value '" + value + "'; one of " + String.join(", ", allowed));
                    }
                    values.add(value);
                }
            }
        }
        return new ArrayList<>(values);
    }
}
