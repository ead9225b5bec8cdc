package dev.gatewayreports.model.tenancy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A machine credential of an organization. Only the SHA-256 of the secret is kept. */
@Entity
@Table(name = "service_key")
public class ServiceKey extends PanacheEntityBase {
    @Id
    @Column(name = "key_id")
    public String keyId;

    @Column(name = "org_id")
    public String orgId;

    public String name;

    /** Wire spellings of {@link ServiceKeyScope}. */
    public String[] scopes;

    /** The first characters of the secret, safe to show in lists. */
    @Column(name = "key_prefix")
    public String keyPrefix;

    @Column(name = "secret_hash")
    public byte[] secretHash;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at", updatable = false)
    public Instant createdAt;

    /**
     * When the key last authenticated, to the minute; written only by report-api's key-use tracker (never by a flush
     * of this entity, which would put back the value it was loaded with).
     */
    @Column(name = "last_used_at", insertable = false, updatable = false)
    public Instant lastUsedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;
}
