package dev.gatewayreports.reportapi.keys;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gatewayreports.model.tenancy.ServiceKey;
import java.time.Instant;
import java.util.List;

/**
 * A service key as the API shows it; {@code key} (the secret) only in the answer to its creation.
 *
 * @param lastUsedAt when the key last authenticated, to the minute (absent: never)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceKeyResponse(
        String id,
        String name,
        List<String> scopes,
        @JsonProperty("key_prefix") String keyPrefix,
        String key,
        @JsonProperty("created_by") String createdBy,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("revoked_at") Instant revokedAt,

        @JsonProperty("last_used_at") Instant lastUsedAt) {

    static ServiceKeyResponse of(ServiceKey k, String secret) {
        return new ServiceKeyResponse(
                k.keyId,
                k.name,
                List.of(k.scopes),
                k.keyPrefix,
                secret,
                k.createdBy,
                k.createdAt,
                k.revokedAt,
                k.lastUsedAt);
    }
}
