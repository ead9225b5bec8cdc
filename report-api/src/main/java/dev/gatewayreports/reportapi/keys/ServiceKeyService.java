package dev.gatewayreports.reportapi.keys;

import dev.gatewayreports.model.audit.AuditAction;
import dev.gatewayreports.model.tenancy.ServiceKey;
import dev.gatewayreports.model.tenancy.ServiceKeyScope;
import dev.gatewayreports.reportapi.audit.AuditLog;
import dev.gatewayreports.reportapi.errors.ApiException;
import dev.gatewayreports.reportapi.security.ServiceKeySecrets;
import dev.gatewayreports.reportapi.teams.Organizations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Mints, lists and revokes an organization's service keys. */
@ApplicationScoped
public class ServiceKeyService {
    private static final Set<String> SCOPES =
            Set.of(ServiceKeyScope.INGEST.wire(), ServiceKeyScope.STATS.wire(), ServiceKeyScope.ADMIN.wire());

    private final Organizations organizations;
    private final AuditLog audit;
    private final ServiceKeySecrets secrets;
    private final Clock clock;

    public ServiceKeyService(Organizations organizations, AuditLog audit, ServiceKeySecrets secrets, Clock clock) {
        this.organizations = organizations;
        this.audit = audit;
        this.secrets = secrets;
        this.clock = clock;
    }

    @Transactional
    public ServiceKeyResponse mint(String orgId, String createdBy, ServiceKeyRequest request) {
        if (request == null) {
            throw ApiException.invalid("body", "a JSON object with name and scopes is required");
        }
        Set<String> scopes = validScopes(request.scopes());
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            throw ApiException.invalid("name", "name is required, at most 200 characters");
        }
        organizations.ensure(orgId);
        boolean admin = scopes.contains(ServiceKeyScope.ADMIN.wire());
        String secret = secrets.mint(admin ? "sk-admin-" : "sk-svc-");
        ServiceKey key = new ServiceKey();
        key.keyId = "key_" + UUID.randomUUID().toString().replace("-", "");
        key.orgId = orgId;
        key.name = name;
        key.scopes = scopes.toArray(String[]::new);
        key.keyPrefix = secret.substring(0, secret.indexOf('-', 3) + 5);
        key.secretHash = ServiceKeySecrets.hash(secret);
        key.createdBy = createdBy;
        key.createdAt = clock.instant();
        key.persist();
        audit.record(
                orgId,
                AuditAction.SERVICE_KEY_MINTED,
                "service_key",
                key.keyId,
                Map.of("name", name, "scopes", scopes));
        return ServiceKeyResponse.of(key, secret);
    }

    @Transactional
    public List<ServiceKeyResponse> list(String orgId) {
        return ServiceKey.<ServiceKey>list("orgId = ?1 order by createdAt desc", orgId).stream()
                .map(k -> ServiceKeyResponse.of(k, null))
                .toList();
    }

    @Transactional
    public void revoke(String orgId, String keyId) {
        ServiceKey key = ServiceKey.findById(keyId);
        if (key == null || !key.orgId.equals(orgId)) {
            throw ApiException.notFound("service key " + keyId);
        }
        if (key.revokedAt == null) {
            key.revokedAt = clock.instant();
            audit.record(orgId, AuditAction.SERVICE_KEY_REVOKED, "service_key", keyId, Map.of("name", key.name));
        }
    }

    private static Set<String> validScopes(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            throw ApiException.invalid("scopes", "scopes must name at least one of ingest, stats, admin");
        }
        Set<String> scopes = new LinkedHashSet<>();
        for (String scope : requested) {
            if (scope == null || !SCOPES.contains(scope)) {
                throw ApiException.invalid("scopes", "unknown scope " + scope + "; expected ingest, stats or admin");
            }
            scopes.add(scope);
        }
        if (scopes.contains(ServiceKeyScope.ADMIN.wire()) && scopes.size() > 1) {
            throw ApiException.invalid("scopes", "an admin key carries the admin scope alone");
        }
        return scopes;
    }
}
