package dev.gatewayreports.reportapi.teams;

import dev.gatewayreports.model.tenancy.TenantIds;

/** What a team id may look like: the tenancy id rule ({@link TenantIds}), which organization ids follow too. */
public final class TeamIds {

    private TeamIds() {}

    /** The problem with a team id, or null when it is valid. */
    public static String problem(String teamId) {
        return TenantIds.problem(teamId);
    }
}
