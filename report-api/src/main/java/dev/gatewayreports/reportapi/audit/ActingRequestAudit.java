package dev.gatewayreports.reportapi.audit;

import dev.gatewayreports.model.audit.Actor;
import dev.gatewayreports.model.audit.AuditAction;
import dev.gatewayreports.model.audit.AuditEntry;
import dev.gatewayreports.reportapi.security.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One audit row per request a {@code report_service} credential makes for an organization, with its method and
 * path: written at once in its own transaction, whatever the request then does or answers.
 */
@ApplicationScoped
public class ActingRequestAudit {
    /** Marks a request already recorded, however often its caller is resolved. */
    static final String RECORDED = "gateway-reports.audit.acting-recorded";

    private final CurrentVertxRequest request;
    private final SecurityIdentity identity;
    private final AuditRepository repository;

    public ActingRequestAudit(CurrentVertxRequest request, SecurityIdentity identity, AuditRepository repository) {
        this.request = request;
        this.identity = identity;
        this.repository = repository;
    }

    /** Records the current request of {@code service}, acting for {@code orgId}, once. */
    public void record(Caller service, String orgId) {
        RoutingContext context = request.getCurrent();
        if (context == null || context.get(RECORDED) != null) {
            return;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("method", context.request().method().name());
        details.put("path", context.request().path());
        Actor actor =
                new Actor(Actor.Kind.SERVICE, service.subject(), service.email(), null, AuditLog.clientId(identity));
        AuditEntry entry = new AuditEntry(orgId, actor, AuditAction.ACTING_REQUEST, "request", null, details);
        QuarkusTransaction.requiringNew().run(() -> repository.insert(entry));
        context.put(RECORDED, Boolean.TRUE);
    }
}
