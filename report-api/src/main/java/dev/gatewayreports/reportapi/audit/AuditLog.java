package dev.gatewayreports.reportapi.audit;

import dev.gatewayreports.model.audit.Actor;
import dev.gatewayreports.model.audit.AuditAction;
import dev.gatewayreports.model.audit.AuditEntry;
import dev.gatewayreports.reportapi.security.Caller;
import dev.gatewayreports.reportapi.security.CurrentCaller;
import dev.gatewayreports.reportapi.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Records the current caller's admin actions. {@link #record} joins the transaction of the change (it refuses to
 * run without one), so the row commits or rolls back with it.
 */
@ApplicationScoped
public class AuditLog {
    private final CurrentCaller caller;
    private final SecurityIdentity identity;
    private final AuditRepository repository;

    public AuditLog(CurrentCaller caller, SecurityIdentity identity, AuditRepository repository) {
        this.caller = caller;
        this.identity = identity;
        this.repository = repository;
    }

    /** One row for an action of the current caller on a target of the organization. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String orgId, AuditAction action, String targetType, String targetId, Map<String, ?> details) {
        repository.insert(new AuditEntry(orgId, actor(caller.get()), action, targetType, targetId, details));
    }

    /** One row for an update of the current caller, unless it changed nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordChanges(String orgId, AuditAction action, String targetType, String targetId, Changes changes) {
        if (!changes.isEmpty()) {
            record(orgId, action, targetType, targetId, changes.asMap());
        }
    }

    /** The actor of a caller of this request: its kind, subject, e-mail, key id and OIDC client. */
    Actor actor(Caller c) {
        if (c.kind() == Caller.Kind.SERVICE_KEY) {
            return new Actor(Actor.Kind.SERVICE_KEY, c.subject(), null, c.keyId(), null);
        }
        Actor.Kind kind = c.has(Roles.REPORT_SERVICE) ? Actor.Kind.SERVICE : Actor.Kind.USER;
        return new Actor(kind, c.subject(), c.email(), null, clientId(identity));
    }

    /** The client a token was issued to: {@code azp}, else {@code client_id}; null for other credentials. */
    static String clientId(SecurityIdentity identity) {
        if (identity == null || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return null;
        }
        Object azp = token.getClaim("azp");
        Object clientId = azp != null ? azp : token.getClaim("client_id");
        if (clientId == null) {
            return null;
        }
        return clientId instanceof jakarta.json.JsonString s ? s.getString() : clientId.toString();
    }
}
