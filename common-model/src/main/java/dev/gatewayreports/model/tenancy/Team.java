package dev.gatewayreports.model.tenancy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A team of one organization; every usage event belongs to exactly one team. */
@Entity
@Table(name = "team")
public class Team extends PanacheEntityBase {
    /** How a team came to exist: created by an admin, or first seen in an event. */
    public static final String BY_ADMIN = "admin";

    public static final String BY_INGEST = "ingest";

    @Id
    @Column(name = "team_id")
    public String teamId;

    @Column(name = "org_id")
    public String orgId;

    public String name;

    @Column(name = "registered_by")
    public String registeredBy;

    @Column(name = "created_at", updatable = false)
    public Instant createdAt;

    /** The teams of an organization, by id. */
    public static List<Team> ofOrganization(String orgId) {
        return list("orgId = ?1 order by teamId", orgId);
    }
}
