package dev.gatewayreports.reportapi.security;

import dev.gatewayreports.model.tenancy.ServiceKey;
import dev.gatewayreports.model.tenancy.ServiceKeyScope;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Resolves a service key by the hash of its secret; revoked or unknown keys fail authentication. */
@ApplicationScoped
public class ServiceKeyIdentityProvider implements IdentityProvider<ServiceKeyCredential> {
    private static final Map<String, String> ROLE_OF_SCOPE = Map.of(
            ServiceKeyScope.INGEST.wire(), Roles.INGEST,
            ServiceKeyScope.STATS.wire(), Roles.STATS_KEY,
            ServiceKeyScope.ADMIN.wire(), Roles.ADMIN_KEY);

    @Override
    public Class<ServiceKeyCredential> getRequestType() {
        return ServiceKeyCredential.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ServiceKeyCredential request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> identityOf(request.secret()));
    }

    @ActivateRequestContext
    SecurityIdentity identityOf(String secret) {
        ServiceKey key =
                ServiceKey.find("secretHash", ServiceKeySecrets.hash(secret)).firstResult();
        if (key == null || key.revokedAt != null) {
            throw new AuthenticationFailedException("unknown or revoked service key");
        }
        Set<String> roles = new HashSet<>();
        for (String scope : key.scopes) {
            roles.add(ROLE_OF_SCOPE.get(scope));
        }
        Caller caller =
                new Caller(Caller.Kind.SERVICE_KEY, key.keyId, null, key.orgId, Set.of(), roles, key.keyId, null);
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(key.keyId))
                .addRoles(roles)
                .addAttribute(Caller.ATTRIBUTE, caller)
                .build();
    }
}
