package dev.gatewayreports.model.tenancy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A customer account: owns teams, service keys and price-book overrides. */
@Entity
@Table(name = "organization")
public class Organization extends PanacheEntityBase {
    @Id
    @Column(name = "org_id")
    public String orgId;

    public String name;

    /** The team (one of this organization's) the admin API reports as {@code workspace_id: null}. */
    @Column(name = "default_team_id")
    public String defaultTeamId;

    @Column(name = "created_at", updatable = false)
    public Instant createdAt;
}
