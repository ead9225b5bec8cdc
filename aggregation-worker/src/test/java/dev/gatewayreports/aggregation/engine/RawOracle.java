package dev.gatewayreports.aggregation.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.model.stats.Dimension;
import dev.gatewayreports.model.stats.Measure;
import dev.gatewayreports.model.stats.StatsQuery;
import dev.gatewayreports.model.stats.StatsResult;
import dev.gatewayreports.model.stats.StatsRow;
import io.agroal.api.AgroalDataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The exact answer, by plain SQL over raw events (percentile_disc for percentiles). */
final class RawOracle {
    private final AgroalDataSource ds;

    RawOracle(AgroalDataSource ds) {
        this.ds = ds;
    }

    /** Every event of the window (after filters) is in exactly one row. */
    void assertTotals(StatsQuery q, StatsResult result, String what) throws SQLException {
        long expected = (long) exact(q, q.start(), q.end(), List.of(), null)[0];
        long counted = result.rows().stream()
                .mapToLong(
                        r -> errorsOnly(q) ? r.figures().errors() : r.figures().requests())
                .sum();
        assertEquals(expected, counted, what + " total");
    }

    void assertRow(StatsQuery q, StatsRow row, String what) throws SQLException {
        Instant from = row.bucketStart().isBefore(q.start()) ? q.start() : row.bucketStart();
        Instant to = row.bucketEnd().isAfter(q.end()) ? q.end() : row.bucketEnd();
        Object[] exact = exact(q, from, to, q.groupBy(), row.dimensions());
        String at = what + " row " + row.bucketStart() + " " + row.dimensions();
        assertEquals(
                (long) exact[0],
                errorsOnly(q) ? row.figures().errors() : row.figures().requests(),
                at);
        if (q.measures().contains(Measure.COST)) {
            FigureCheck.assertMoney((BigDecimal) exact[1], row.figures().costUsd(), at + " cost");
        }
        if (q.measures().contains(Measure.COST_PARTS)) {
            FigureCheck.assertMoney((BigDecimal) exact[5], row.figures().costPart(6), at + " code execution cost");
        }
        if (q.measures().contains(Measure.TOKENS)) {
            FigureCheck.assertMoney((BigDecimal) exact[6], row.figures().codeExecutionHours(), at + " code hours");
        }
        if (q.measures().contains(Measure.LATENCY)) {
            double[] ps = {50, 95, 99};
            for (int i = 0; i < 3; i++) {
                double e = (double) exact[2 + i];
                double a = row.figures().latencyPercentile(ps[i]);
                assertTrue(Math.abs(a - e) <= 0.01 * e + 1e-9, at + " p" + ps[i] + ": " + a + " vs exact " + e);
            }
        }
    }

    private static boolean errorsOnly(StatsQuery q) {
        return q.groupBy().contains(Dimension.ERROR_TYPE) || q.filters().containsKey(Dimension.ERROR_TYPE);
    }

    private Object[] exact(StatsQuery q, Instant from, Instant to, List<Dimension> dims, List<String> values)
            throws SQLException {
        StringBuilder sql = new StringBuilder("""
                select count(*), coalesce(sum(cost_usd), 0),
                       percentile_disc(0.5) within group (order by latency_ms),
                       percentile_disc(0.95) within group (order by latency_ms),
                       percentile_disc(0.99) within group (order by latency_ms),
                       coalesce(sum(cost_code_execution_usd), 0), coalesce(sum(code_execution_hours), 0)
                from usage_event where org_id = ? and team_id = any(?) and occurred_at >= ? and occurred_at < ?
                """);
        List<Object> args =
                new ArrayList<>(List.of(q.organizationId(), q.teamIds().toArray(String[]::new), from, to));
        for (Map.Entry<Dimension, Set<String>> f : q.filters().entrySet()) {
            sql.append(" and ").append(f.getKey().column()).append(" = any(?)");
            args.add(f.getValue().toArray(String[]::new));
        }
        for (int i = 0; i < dims.size(); i++) {
            sql.append(" and ").append(dims.get(i).column()).append(" is not distinct from ?");
            args.add(values.get(i));
        }
        if (errorsOnly(q)) {
            sql.append(" and status = 'error'");
        }
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                Object a = args.get(i);
                if (a instanceof String[] arr) {
                    ps.setArray(i + 1, c.createArrayOf("text", arr));
                } else if (a instanceof Instant t) {
                    ps.setTimestamp(i + 1, Timestamp.from(t));
                } else {
                    ps.setObject(i + 1, a);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Object[] {
                    rs.getLong(1),
                    rs.getBigDecimal(2),
                    rs.getDouble(3),
                    rs.getDouble(4),
                    rs.getDouble(5),
                    rs.getBigDecimal(6),
                    rs.getBigDecimal(7)
                };
            }
        }
    }
}
