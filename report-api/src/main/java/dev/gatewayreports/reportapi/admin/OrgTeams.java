package dev.gatewayreports.reportapi.admin;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The teams (workspaces) of an organization, and which one is its default. */
@ApplicationScoped
public class OrgTeams {
    static final String TEAMS = """
            select t.team_id, t.team_id = o.default_team_id
              from team t join organization o on o.org_id = t.org_id
             where t.org_id = ?
             order by t.team_id
            """;

    /** @param defaultTeam null when the organization has none */
    public record Teams(List<String> all, String defaultTeam) {
        /** A team's workspace id: null for the default team. */
        public String workspaceId(String teamId) {
            return teamId == null || teamId.equals(defaultTeam) ? null : teamId;
        }
    }

    private final AgroalDataSource dataSource;

    public OrgTeams(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Teams of(String orgId) {
        List<String> all = new ArrayList<>();
        String defaultTeam = null;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(TEAMS)) {
            ps.setString(1, orgId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(rs.getString(1));
                    if (rs.getBoolean(2)) {
                        defaultTeam = rs.getString(1);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the organization's teams", e);
        }
        return new Teams(List.copyOf(all), defaultTeam);
    }
}
