package dev.gatewayreports.reportapi.security;

import dev.gatewayreports.reportapi.audit.ActingRequestAudit;
import dev.gatewayreports.reportapi.errors.ApiException;
import dev.gatewayreports.reportapi.requestlog.RequestLogFilter;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;

/** The caller of the current request. */
@RequestScoped
public class CurrentCaller {
    /** The organization a {@link Roles#REPORT_SERVICE} token acts for. */
    public static final String ACTING_ORGANIZATION = "X-Acting-Organization";

    private final SecurityIdentity identity;
    private final CurrentVertxRequest request;
    private final ActingRequests acting;
    private final ActingRequestAudit audit;
    private Caller resolved;

    public CurrentCaller(
            SecurityIdentity identity, CurrentVertxRequest request, ActingRequests acting, ActingRequestAudit audit) {
        this.identity = identity;
        this.request = request;
        this.acting = acting;
        this.audit = audit;
    }

    /**
     * The caller; 401 when anonymous, 403 when a user token names no organization or carries role report_service
     * from a client that may not act (see {@link ActingRequests}).
     */
    public Caller get() {
        if (resolved == null) {
            resolved = resolve();
            RequestLogFilter.organization(request.getCurrent(), resolved.orgId());
        }
        return resolved;
    }

    /**
     * The caller, who must be an organization admin by the roles claim of its token (403 otherwise): the admin
     * resources check this themselves as well as by {@code @RolesAllowed}.
     */
    public Caller orgAdmin() {
        Caller caller = get();
        if (caller.kind() != Caller.Kind.USER || !caller.has(Roles.ORG_ADMIN)) {
            throw ApiException.forbidden("only an org_admin may do this");
        }
        return caller;
    }

    private Caller resolve() {
        Caller caller = identity.getAttribute(Caller.ATTRIBUTE);
        if (caller == null) {
            throw new UnauthorizedException();
        }
        if (caller.kind() == Caller.Kind.USER && caller.has(Roles.REPORT_SERVICE)) {
            HttpServerRequest http =
                    request.getCurrent() == null ? null : request.getCurrent().request();
            Caller actingCaller = acting.act(
                    caller,
                    http == null ? null : http.getHeader(ACTING_ORGANIZATION),
                    http == null ? null : http.method().name(),
                    http == null ? null : http.path());
            audit.record(caller, actingCaller.orgId()); // the audit row of this request (once per request)
            return actingCaller;
        }
        if (caller.orgId() == null || caller.orgId().isBlank()) {
            throw ApiException.forbidden("the token carries no organization claim");
        }
        return caller;
    }
}
