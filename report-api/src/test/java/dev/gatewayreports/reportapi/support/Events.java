package dev.gatewayreports.reportapi.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Builds event JSON objects for requests: a valid event by default, then any field changed or removed. */
public final class Events {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    private Events(String teamId) {
        fields.put("request_id", "req_" + UUID.randomUUID());
        fields.put(
                "occurred_at",
                Instant.now()
                        .minus(1, ChronoUnit.HOURS)
                        .truncatedTo(ChronoUnit.MILLIS)
                        .toString());
        fields.put("team_id", teamId);
        fields.put("provider", "anthropic");
        fields.put("model", "claude-sonnet-4-5");
        fields.put("status", "success");
        fields.put("latency_ms", 812);
        fields.put("input_tokens", 1200);
        fields.put("output_tokens", 300);
    }

    public static Events event(String teamId) {
        return new Events(teamId);
    }

    public Events with(String field, Object value) {
        fields.put(field, value);
        return this;
    }

    public Events without(String field) {
        fields.remove(field);
        return this;
    }

    public Map<String, Object> build() {
        return new LinkedHashMap<>(fields);
    }

    public String requestId() {
        return (String) fields.get("request_id");
    }
}
