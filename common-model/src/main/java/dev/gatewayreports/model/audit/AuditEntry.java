package dev.gatewayreports.model.audit;

import java.util.Map;

/**
 * One audit row to write.
 *
 * @param orgId the organization the action belongs to; null for system-wide operations
 * @param details a few facts about the change (names, scopes, windows, counts), never a secret
 */
public record AuditEntry(
        String orgId, Actor actor, AuditAction action, String targetType, String targetId, Map<String, ?> details) {

    public AuditEntry {
        details = details == null ? Map.of() : details;
    }
}
