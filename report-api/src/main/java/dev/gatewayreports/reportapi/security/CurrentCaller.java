package dev.gatewayreports.reportapi.security;

import dev.gatewayreports.reportapi.audit.ActingRequests;
import dev.gatewayreports.reportapi.errors.ApiException;
import dev.gatewayreports.reportapi.teams.TeamIds;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.enterprise.context.RequestScoped;
import java.util.Set;

/** The caller of the current request. */
@RequestScoped
public class CurrentCaller {
    /** The organization a {@link Roles#REPORT_SERVICE} token acts for. */
    public static final String ACTING_ORGANIZATION = "X-Acting-Organization";

    private final SecurityIdentity identity;
    private final CurrentVertxRequest request;
    private final ActingRequests actingRequests;

    public CurrentCaller(SecurityIdentity identity, CurrentVertxRequest request, ActingRequests actingRequests) {
        this.identity = identity;
        this.request = request;
        this.actingRequests = actingRequests;
    }

    /** The caller; 401 when anonymous, 403 when a user token names no organization. */
    public Caller get() {
        Caller caller = identity.getAttribute(Caller.ATTRIBUTE);
        if (caller == null) {
            throw new UnauthorizedException();
        }
        if (caller.kind() == Caller.Kind.USER && caller.has(Roles.REPORT_SERVICE) && caller.orgId() == null) {
            return acting(caller);
        }
        if (caller.orgId() == null || caller.orgId().isBlank()) {
            throw ApiException.forbidden("the token carries no organization claim");
        }
        return caller;
    }

    /** A report service acting for the organization its request names; it sees that organization's teams. */
    private Caller acting(Caller service) {
        String org = request.getCurrent() == null
                ? null
                : request.getCurrent().request().getHeader(ACTING_ORGANIZATION);
        if (org == null || TeamIds.problem(org) != null) {
            throw ApiException.invalid(
                    ACTING_ORGANIZATION, "a report_service token must name an organization in " + ACTING_ORGANIZATION);
        }
        actingRequests.record(service, org); // the audit row of this request (once per request)
        return new Caller(
                service.kind(), service.subject(), service.email(), org, Set.of(), Set.of(Roles.REPORT_SERVICE), null);
    }
}
