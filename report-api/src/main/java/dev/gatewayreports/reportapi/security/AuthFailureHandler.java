package dev.gatewayreports.reportapi.security;

import dev.gatewayreports.reportapi.admin.AdminErrorFilter;
import io.quarkus.security.AuthenticationFailedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * An unknown, revoked or expired credential (a service key, a token that fails OIDC's checks) fails before any
 * resource runs (proactive authentication), where Quarkus would answer an empty 401. This 401 carries the error
 * shape of the API asked: the admin API's under {@code /v1/organizations/}, the reports family's elsewhere, with
 * the {@code WWW-Authenticate} challenge either way.
 */
@ApplicationScoped
public class AuthFailureHandler {
    static final String ADMIN_BODY = """
            {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}""";
    static final String BODY = """
            {"error":{"code":"unauthorized","message":"the credential is unknown, revoked, expired or not for this \
            service"}}""";

    void init(@Observes Router router) {
        router.route().failureHandler(AuthFailureHandler::handle);
    }

    private static void handle(RoutingContext ctx) {
        if (!(ctx.failure() instanceof AuthenticationFailedException)
                || ctx.response().ended()) {
            ctx.next();
            return;
        }
        boolean admin = ctx.normalizedPath().startsWith(AdminErrorFilter.PREFIX);
        ctx.response()
                .setStatusCode(401)
                .putHeader("WWW-Authenticate", "Bearer")
                .putHeader("content-type", "application/json")
                .end(admin ? ADMIN_BODY : BODY);
    }
}
