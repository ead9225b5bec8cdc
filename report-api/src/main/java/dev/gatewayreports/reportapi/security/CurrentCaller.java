package dev.gatewayreports.reportapi.security;

import dev.gatewayreports.reportapi.errors.ApiException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/** The caller of the current request. */
@RequestScoped
public class CurrentCaller {
    private final SecurityIdentity identity;

    public CurrentCaller(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The caller; 401 when anonymous, 403 when a user token names no organization. */
    public Caller get() {
        Caller caller = identity.getAttribute(Caller.ATTRIBUTE);
        if (caller == null) {
            throw new UnauthorizedException();
        }
        if (caller.orgId() == null || caller.orgId().isBlank()) {
            throw ApiException.forbidden("the token carries no organization claim");
        }
        return caller;
    }
}
