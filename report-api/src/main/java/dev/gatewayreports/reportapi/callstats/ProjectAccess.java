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
    static final String TEAM_EXISTS = """
            select 1 from team where org_id = ? and team_id = ?
            """;

    private final AgroalDataSource dataSource;

    public ProjectAccess(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Service keys and org admins read every team of their organization; other users the teams their token names.
     * Teams are the caller's organization's: another organization's team of the same id is not one of them.
     */
    public void check(Caller caller, String teamId) {
        boolean allowed = caller.organizationWide()
                ? exists(caller.orgId(), teamId)
                : caller.has(Roles.MEMBER) && caller.teams().contains(teamId);
        if (!allowed) {
            throw ApiException.notFound("project " + teamId);
        }
    }

    private boolean exists(String orgId, String teamId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(TEAM_EXISTS)) {
            ps.setString(1, orgId);
            ps.setString(2, teamId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the team", e);
        }
    }
}
