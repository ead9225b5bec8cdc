package dev.gatewayreports.reportapi.teams;

import dev.gatewayreports.model.audit.AuditAction;
import dev.gatewayreports.model.tenancy.Organization;
import dev.gatewayreports.model.tenancy.Team;
import dev.gatewayreports.model.tenancy.TenantIds;
import dev.gatewayreports.reportapi.audit.AuditLog;
import dev.gatewayreports.reportapi.audit.Changes;
import dev.gatewayreports.reportapi.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Teams of an organization, as its admins manage them. */
@ApplicationScoped
public class TeamService {
    private final Organizations organizations;
    private final AuditLog audit;
    private final Clock clock;

    public TeamService(Organizations organizations, AuditLog audit, Clock clock) {
        this.organizations = organizations;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public List<TeamResponse> list(String orgId) {
        String defaultTeam = defaultTeamOf(orgId);
        return Team.ofOrganization(orgId).stream()
                .map(t -> TeamResponse.of(t, defaultTeam))
                .toList();
    }

    @Transactional
    public TeamResponse get(String orgId, String teamId) {
        return TeamResponse.of(owned(orgId, teamId), defaultTeamOf(orgId));
    }

    @Transactional
    public TeamResponse create(String orgId, TeamRequest request) {
        if (request == null) {
            throw ApiException.invalid("body", "a JSON object with team_id and name is required");
        }
        String problem = TenantIds.problem(request.teamId());
        if (problem != null) {
            throw ApiException.invalid("team_id", "team_id " + problem);
        }
        organizations.ensure(orgId);
        if (Team.of(orgId, request.teamId()) != null) {
            throw ApiException.conflict("team_id", "the organization already has team " + request.teamId());
        }
        Team team = new Team();
        team.teamId = request.teamId();
        team.orgId = orgId;
        team.name = validName(request.name(), request.teamId());
        team.registeredBy = Team.BY_ADMIN;
        team.createdAt = clock.instant();
        team.persistAndFlush();
        if (Boolean.TRUE.equals(request.isDefault())) {
            Organization.<Organization>findById(orgId).defaultTeamId = team.teamId;
        }
        audit.record(
                orgId,
                AuditAction.TEAM_CREATED,
                "team",
                team.teamId,
                Map.of("name", team.name, "is_default", Boolean.TRUE.equals(request.isDefault())));
        return TeamResponse.of(team, defaultTeamOf(orgId));
    }

    @Transactional
    public TeamResponse update(String orgId, String teamId, TeamRequest request) {
        if (request == null) {
            throw ApiException.invalid("body", "a JSON object with name and/or is_default is required");
        }
        Team team = owned(orgId, teamId);
        String oldName = team.name;
        if (request.name() != null) {
            team.name = validName(request.name(), teamId);
        }
        Organization org = Organization.findById(orgId);
        String oldDefault = org.defaultTeamId;
        if (Boolean.TRUE.equals(request.isDefault())) {
            org.defaultTeamId = teamId;
        } else if (Boolean.FALSE.equals(request.isDefault()) && teamId.equals(org.defaultTeamId)) {
            org.defaultTeamId = null;
        }
        audit.recordChanges(
                orgId,
                AuditAction.TEAM_UPDATED,
                "team",
                teamId,
                Changes.of("name", oldName, team.name).and("default_team_id", oldDefault, org.defaultTeamId));
        return TeamResponse.of(team, org.defaultTeamId);
    }

    private static Team owned(String orgId, String teamId) {
        Team team = Team.of(orgId, teamId);
        if (team == null) {
            throw ApiException.notFound("team " + teamId);
        }
        return team;
    }

    private static String validName(String name, String fallback) {
        if (name == null || name.isBlank()) {
            return fallback;
        }
        if (name.length() > 200) {
            throw ApiException.invalid("name", "name must be at most 200 characters");
        }
        return name.strip();
    }

    private static String defaultTeamOf(String orgId) {
        Organization org = Organization.findById(orgId);
        return org == null ? null : org.defaultTeamId;
    }
}
