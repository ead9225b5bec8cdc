package dev.gatewayreports.reportapi.callstats;

import dev.gatewayreports.reportapi.errors.ApiException;
import dev.gatewayreports.reportapi.security.Caller;
import dev.gatewayreports.reportapi.security.Roles;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Whether a caller may read a project (team): a 404 otherwise, exactly as for a team that does not exist. */
@ApplicationScoped
public class ProjectAccess {
    static final String ORG_OF_TEAM = """
            select org_id from team where team_id = ?
            """;

    private final AgroalDataSource dataSource;

    public ProjectAccess(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Service keys and org admins read every team of their organization; other users the teams their token names
     * (and that no other organization owns).
     */
    public void check(Caller caller, String teamId) {
        String owner = organizationOf(teamId);
        boolean sameOrg = caller.orgId().equals(owner);
        boolean allowed = caller.organizationWide()
                ? sameOrg
                : caller.has(Roles.MEMBER) && caller.teams().contains(teamId) && (owner == null || sameOrg);
        if (!allowed) {
            throw ApiException.notFound("project " + teamId);
        }
    }

    private String organizationOf(String teamId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(ORG_OF_TEAM)) {
            ps.setString(1, teamId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the team", e);
        }
    }
}
