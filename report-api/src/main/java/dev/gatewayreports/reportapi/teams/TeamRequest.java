package dev.gatewayreports.reportapi.teams;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of team creation and update; on update, absent fields stay as they are. */
public record TeamRequest(
        @JsonProperty("team_id") String teamId,
        String name,
        @JsonProperty("is_default") Boolean isDefault) {}
