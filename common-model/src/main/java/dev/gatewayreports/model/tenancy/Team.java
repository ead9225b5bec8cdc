package dev.gatewayreports.model.tenancy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A team of one organization; every usage event belongs to exactly one team. Its identity is (organization, team id):
 * two organizations may each have a team of the same id, and neither ever sees the other's.
 */
@Entity
@Table(name = "team")
@IdClass(Team.Key.class)
public class Team extends PanacheEntityBase {
    /** How a team came to exist: created by an admin, or first seen in an event. */
    public static final String BY_ADMIN = "admin";

    public static final String BY_INGEST = "ingest";

    @Id
    @Column(name = "org_id")
    public String orgId;

    @Id
    @Column(name = "team_id")
    public String teamId;

    public String name;

    @Column(name = "registered_by")
    public String registeredBy;

    @Column(name = "created_at", updatable = false)
    public Instant createdAt;

    /** The teams of an organization, by id. */
    public static List<Team> ofOrganization(String orgId) {
        return list("orgId = ?1 order by teamId", orgId);
    }

    /** The organization's team of that id, or null: another organization's team of the same id is not it. */
    public static Team of(String orgId, String teamId) {
        return findById(new Key(orgId, teamId));
    }

    /** A team's identity: its organization and its id there. */
    public static class Key implements Serializable {
        public String orgId;
        public String teamId;

        public Key() {}

        public Key(String orgId, String teamId) {
            this.orgId = orgId;
            this.teamId = teamId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(orgId, k.orgId) && Objects.equals(teamId, k.teamId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(orgId, teamId);
        }
    }
}
