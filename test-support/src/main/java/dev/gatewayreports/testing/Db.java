package dev.gatewayreports.testing;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.inject.spi.CDI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain SQL against the test database of the running @QuarkusTest, for seeding and for checks that must not go
 * through the code under test. Arguments: an {@link Instant} binds as a timestamp, a {@link List} as a text array,
 * anything else as itself.
 */
public final class Db {
    private Db() {}

    public static List<Map<String, Object>> query(String sql, Object... args) {
        try (Connection c = dataSource().getConnection();
                PreparedStatement ps = prepare(c, sql, args);
                ResultSet rs = ps.executeQuery()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= n; i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The single row of a query; fails on none or several. */
    public static Map<String, Object> one(String sql, Object... args) {
        List<Map<String, Object>> rows = query(sql, args);
        if (rows.size() != 1) {
            throw new IllegalStateException("expected one row, got " + rows.size() + " for " + sql);
        }
        return rows.get(0);
    }

    /** The first column of the first row, as a number (a {@code count(*)}). */
    public static long count(String sql, Object... args) {
        return ((Number) query(sql, args).get(0).values().iterator().next()).longValue();
    }

    public static void execute(String sql, Object... args) {
        try (Connection c = dataSource().getConnection();
                PreparedStatement ps = prepare(c, sql, args)) {
            ps.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            if (arg instanceof Instant instant) {
                ps.setTimestamp(i + 1, Timestamp.from(instant));
            } else if (arg instanceof List<?> list) {
                ps.setArray(i + 1, c.createArrayOf("text", list.toArray()));
            } else {
                ps.setObject(i + 1, arg);
            }
        }
        return ps;
    }

    private static AgroalDataSource dataSource() {
        return CDI.current().select(AgroalDataSource.class).get();
    }
}
