package dev.gatewayreports.reportapi.admin;

import io.quarkus.security.AuthenticationFailedException;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * An unknown or revoked key fails before any resource runs (proactive authentication); under
 * {@code /v1/organizations/} that 401 still carries the admin API's error shape.
 */
@ApplicationScoped
public class AdminAuthFailureHandler {
    static final String BODY = """
            {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}""";

    void init(@Observes Router router) {
        router.route(AdminErrorFilter.PREFIX + "*").failureHandler(ctx -> {
            if (ctx.failure() instanceof AuthenticationFailedException
                    && !ctx.response().ended()) {
                ctx.response()
                        .setStatusCode(401)
                        .putHeader("content-type", "application/json")
                        .end(BODY);
            } else {
                ctx.next();
            }
        });
    }
}
