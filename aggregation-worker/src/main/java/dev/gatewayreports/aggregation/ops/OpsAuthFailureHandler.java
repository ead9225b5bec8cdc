package dev.gatewayreports.aggregation.ops;

import io.quarkus.security.AuthenticationFailedException;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A token that fails OIDC's checks (another audience, expired, a foreign signer) fails before {@code /v1/ops}
 * runs, where Quarkus would answer an empty 401: this one carries the error shape of the ops endpoints' 400s and
 * the {@code WWW-Authenticate} challenge.
 */
@ApplicationScoped
public class OpsAuthFailureHandler {
    static final String BODY = """
            {"error":{"code":"unauthorized","message":"the token is invalid, expired or not for this service"}}""";

    void init(@Observes Router router) {
        router.route().failureHandler(ctx -> {
            if (ctx.failure() instanceof AuthenticationFailedException
                    && !ctx.response().ended()) {
                ctx.response()
                        .setStatusCode(401)
                        .putHeader("WWW-Authenticate", "Bearer")
                        .putHeader("content-type", "application/json")
                        .end(BODY);
            } else {
                ctx.next();
            }
        });
    }
}
