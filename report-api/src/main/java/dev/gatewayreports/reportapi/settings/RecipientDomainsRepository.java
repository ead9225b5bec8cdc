package dev.gatewayreports.reportapi.settings;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/** {@code organization.recipient_domains} (V17_1): null or empty means no restriction. */
@ApplicationScoped
public class RecipientDomainsRepository {
    static final String FIND = "select recipient_domains from organization where org_id = ?";

    static final String SAVE = "update organization set recipient_domains = ? where org_id = ?";

    private final AgroalDataSource dataSource;

    public RecipientDomainsRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The organization's allow-list; empty when it has none. */
    public List<String> find(String orgId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setString(1, orgId);
            try (ResultSet rs = ps.executeQuery()) {
                Array array = rs.next() ? rs.getArray(1) : null;
                return array == null
                        ? List.of()
                        : Arrays.stream((Object[]) array.getArray())
                                .map(String::valueOf)
                                .toList();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the recipient domains failed", e);
        }
    }

    /** Replaces the allow-list (an empty one is stored as null: no restriction). */
    public void save(String orgId, List<String> domains) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(SAVE)) {
            ps.setArray(1, domains.isEmpty() ? null : c.createArrayOf("text", domains.toArray()));
            ps.setString(2, orgId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("saving the recipient domains failed", e);
        }
    }
}
