package dev.gatewayreports.aggregation.rollup;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Small direct reads of rollup state for assertions. */
final class RollupCheckSql {
    private RollupCheckSql() {}

    /** Requests in the teams' daily rollup_model rows. */
    static long rollupRequests(AgroalDataSource ds, String[] teams) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select coalesce(sum(request_count), 0) from rollup_model where team_id = any(?) and grain = 86400")) {
            ps.setArray(1, c.createArrayOf("text", teams));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
