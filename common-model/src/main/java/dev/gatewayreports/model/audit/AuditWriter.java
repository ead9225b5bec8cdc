package dev.gatewayreports.model.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes audit rows (table {@code audit_event}, V18) on the caller's connection, so a row commits or rolls back
 * with the change it records.
 */
public final class AuditWriter {
    static final String INSERT = """
            insert into audit_event (org_id, actor_kind, actor_subject, actor_email, actor_key_id, actor_client_id,
                                     action, target_type, target_id, details)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""";

    /** Longest string kept in a column or a detail: enough for any name, id or path, small for any row. */
    static final int MAX_TEXT = 500;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AuditWriter() {}

    /** Inserts the row in the connection's current transaction. */
    public static void insert(Connection c, AuditEntry e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            Actor a = e.actor();
            ps.setString(1, e.orgId());
            ps.setString(2, a.kind().wire());
            ps.setString(3, text(a.subject()));
            ps.setString(4, text(a.email()));
            ps.setString(5, text(a.keyId()));
            ps.setString(6, text(a.clientId()));
            ps.setString(7, e.action().wire());
            ps.setString(8, text(e.targetType()));
            ps.setString(9, text(e.targetId()));
            ps.setString(10, json(e.details()));
            ps.executeUpdate();
        }
    }

    static String json(Map<String, ?> details) {
        try {
            return MAPPER.writeValueAsString(clean(details));
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("audit details must be plain values", ex);
        }
    }

    /** Strings made storable (PostgreSQL text and jsonb refuse NUL) and short. */
    private static Object clean(Object value) {
        if (value instanceof String s) {
            return text(s);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(text(String.valueOf(k)), clean(v)));
            return copy;
        }
        if (value instanceof Collection<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(clean(v)));
            return copy;
        }
        return value instanceof Number || value instanceof Boolean || value == null ? value : text(value.toString());
    }

    static String text(String value) {
        if (value == null) {
            return null;
        }
        String clean = value.indexOf('\u0000') < 0 ? value : value.replace("\u0000", "");
        if (clean.length() <= MAX_TEXT) {
            return clean;
        }
        int end = Character.isHighSurrogate(clean.charAt(MAX_TEXT - 1)) ? MAX_TEXT - 1 : MAX_TEXT;
        return clean.substring(0, end);
    }
}
