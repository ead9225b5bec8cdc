package dev.gatewayreports.reportapi.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The fields an update really changed, as audit details: {@code {"name": {"from": …, "to": …}}}. */
public final class Changes {
    private final Map<String, Object> changed = new LinkedHashMap<>();

    private Changes() {}

    /** Starts with one field; it is kept only when its value changed. */
    public static Changes of(String field, Object from, Object to) {
        return new Changes().and(field, from, to);
    }

    public Changes and(String field, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("from", from);
            change.put("to", to);
            changed.put(field, change);
        }
        return this;
    }

    public boolean isEmpty() {
        return changed.isEmpty();
    }

    public Map<String, Object> asMap() {
        return changed;
    }
}
