package dev.gatewayreports.reportapi.teams;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gatewayreports.model.tenancy.Team;
import java.time.Instant;

/** A team as the API shows it. */
public record TeamResponse(
        @JsonProperty("team_id") String teamId,
        @JsonProperty("org_id") String orgId,
        String name,
        @JsonProperty("is_default") boolean isDefault,
        @JsonProperty("registered_by") String registeredBy,
        @JsonProperty("created_at") Instant createdAt) {

    static TeamResponse of(Team team, String defaultTeamId) {
        return new TeamResponse(
                team.teamId,
                team.orgId,
                team.name,
                team.teamId.equals(defaultTeamId),
                team.registeredBy,
                team.createdAt);
    }
}
