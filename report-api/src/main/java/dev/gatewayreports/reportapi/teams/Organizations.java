package dev.gatewayreports.reportapi.teams;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Registers an organization, or one of its teams, the first time a verified caller names it. */
@ApplicationScoped
public class Organizations {
    static final String ENSURE = """
            insert into organization (org_id) values (?) on conflict (org_id) do nothing
            """;

    /** A team the caller's verified token names, registered to its organization as the admin teams API would. */
    static final String REGISTER_TEAM = """
            insert into team (org_id, team_id, name, registered_by) values (?, ?, ?, 'admin')
            on conflict (org_id, team_id) do nothing
            """;

    private final AgroalDataSource dataSource;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public Organizations(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Makes sure the organization row exists, committed on its own so it never rolls back with a caller. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void ensure(String orgId) {
        if (known.contains(orgId)) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(ENSURE)) {
            ps.setString(1, orgId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not register organization", e);
        }
        known.add(orgId);
    }

    /**
     * Registers a team of the organization (which must exist: {@link #ensure}) unless it has it already, in the
     * caller's transaction. Other organizations' teams of the same id are other teams.
     */
    public void registerTeam(String orgId, String teamId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(REGISTER_TEAM)) {
            ps.setString(1, orgId);
            ps.setString(2, teamId);
            ps.setString(3, teamId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("registering the team failed", e);
        }
    }
}
