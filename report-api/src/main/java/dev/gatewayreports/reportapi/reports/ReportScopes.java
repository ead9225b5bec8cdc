package dev.gatewayreports.reportapi.reports;

import dev.gatewayreports.model.tenancy.Team;
import dev.gatewayreports.reportapi.errors.ApiException;
import dev.gatewayreports.reportapi.security.Caller;
import dev.gatewayreports.reportapi.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Decides which teams a report may cover: the caller's only team by default, a named team the caller belongs to
 * (any team of its organization for an org admin), or {@code all} for an org admin. Anything else is a 404, as
 * if it did not exist. Teams are always the caller's organization's: another organization's team of the same id is
 * a different team, and whether one exists changes no answer.
 */
@ApplicationScoped
public class ReportScopes {

    @Transactional
    public ReportScope resolve(Caller caller, String teamId) {
        if (ReportScope.ALL.equals(teamId)) {
            if (!caller.organizationWide()) {
                throw ApiException.forbidden("team_id=all needs the org_admin role");
            }
            List<String> teams = Team.ofOrganization(caller.orgId()).stream()
                    .map(t -> t.teamId)
                    .toList();
            return new ReportScope(caller.orgId(), ReportScope.ALL, teams, true);
        }
        String team = teamId != null ? teamId : onlyTeam(caller);
        if (!visible(caller, team)) {
            throw ApiException.notFound("team " + team);
        }
        return new ReportScope(caller.orgId(), team, List.of(team), false);
    }

    /** True when the caller may read reports of the team (of the caller's organization). */
    @Transactional
    public boolean visible(Caller caller, String teamId) {
        if (ReportScope.ALL.equals(teamId)) {
            return caller.organizationWide();
        }
        if (caller.organizationWide()) {
            return Team.of(caller.orgId(), teamId) != null;
        }
        // A team the token names but no event or admin has registered yet reports zeros.
        return caller.teams().contains(teamId);
    }

    /** True when the caller may delete the team's reports and change its schedules. */
    public boolean administers(Caller caller, String teamId) {
        return caller.has(Roles.ORG_ADMIN)
                || (caller.has(Roles.TEAM_ADMIN) && caller.teams().contains(teamId));
    }

    private static String onlyTeam(Caller caller) {
        List<String> teams = caller.teams().isEmpty() && caller.organizationWide()
                ? Team.ofOrganization(caller.orgId()).stream()
                        .map(t -> t.teamId)
                        .toList()
                : List.copyOf(caller.teams());
        if (teams.size() == 1) {
            return teams.get(0);
        }
        throw ApiException.invalid(
                "team_id",
                teams.isEmpty()
                        ? "team_id is required: the caller belongs to no team"
                        : "team_id is required: the caller belongs to " + teams.size() + " teams");
    }
}
