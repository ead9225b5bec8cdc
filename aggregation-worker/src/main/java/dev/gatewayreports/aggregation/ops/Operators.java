package dev.gatewayreports.aggregation.ops;

import dev.gatewayreports.model.audit.Actor;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The operator behind an operations request, as the audit log names them. */
final class Operators {
    private Operators() {}

    static Actor of(SecurityIdentity identity) {
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            return new Actor(Actor.Kind.OPERATOR, identity.getPrincipal().getName(), null, null, null);
        }
        Object client = token.getClaim("azp") != null ? token.getClaim("azp") : token.getClaim("client_id");
        return new Actor(Actor.Kind.OPERATOR, token.getSubject(), text(token.getClaim("email")), null, text(client));
    }

    private static String text(Object claim) {
        if (claim instanceof JsonString s) {
            return s.getString();
        }
        return claim == null ? null : claim.toString();
    }
}
