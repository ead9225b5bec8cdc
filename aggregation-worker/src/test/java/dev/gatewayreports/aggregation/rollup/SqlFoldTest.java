package dev.gatewayreports.aggregation.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.testing.PostgresTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The rollups without a latency sketch are folded in SQL (INSERT … SELECT … GROUP BY … ON CONFLICT): their rows must
 * be exactly what a fold in Java of the same random events gives (null api keys and error types, errors, late events
 * folded into existing rows, both grains), sums compared as exact decimals.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@TestProfile(ManualRollups.class)
class SqlFoldTest {
    private static final int[] GRAINS = {3600, 86400};
    private static final int[] KEY_GRAINS = {3600, 86400, 604800};
    private static final String EVENTS = """
            select team_id, floor(extract(epoch from occurred_at))::bigint, provider, model, status, error_type,
                   api_key_id, input_tokens, output_tokens, credits, cost_usd
            from usage_event where org_id = ?
            """;

    private final AgroalDataSource ds;
    private final RollupCycle cycle;
    private final String org = "org_" + UUID.randomUUID().toString().substring(0, 8);
    private final String[] teams = {team(), team(), team()};

    SqlFoldTest(AgroalDataSource ds, RollupCycle cycle) {
        this.ds = ds;
        this.cycle = cycle;
    }

    private static String team() {
        return "team_" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void shouldFoldTheSketchlessRollupsInSqlAsJavaFoldsTheSameEvents() throws SQLException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String run = UUID.randomUUID().toString();
        RawEvents.insert(ds, org, teams, 4_000, now.minus(Duration.ofDays(3)), now, 0.17, run + "a");
        EquivalenceData.drain(cycle);
        // Late events into buckets that already have rows, in claims of several batches.
        RawEvents.insert(
                ds, org, teams, 1_500, now.minus(Duration.ofDays(2)), now.minus(Duration.ofHours(20)), 0.29, run + "b");
        RawEvents.insert(ds, org, teams, 700, now.minus(Duration.ofHours(3)), now, 0.83, run + "c");
        EquivalenceData.drain(cycle);

        Map<String, List<Object>> apiKey = new TreeMap<>();
        Map<String, List<Object>> error = new TreeMap<>();
        Map<String, List<Object>> orgError = new TreeMap<>();
        long errors = 0;
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(EVENTS)) {
            ps.setString(1, org);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    boolean failed = "error".equals(rs.getString(5));
                    errors += failed ? 1 : 0;
                    for (int grain : KEY_GRAINS) {
                        long bucket = Math.floorDiv(rs.getLong(2), grain) * grain;
                        add(
                                apiKey,
                                org + "|" + rs.getString(1) + "|" + grain + "|" + bucket + "|" + rs.getString(7),
                                1,
                                failed ? 1 : 0,
                                rs.getLong(8),
                                rs.getLong(9),
                                rs.getBigDecimal(10),
                                rs.getBigDecimal(11));
                    }
                    for (int grain : GRAINS) {
                        long bucket = Math.floorDiv(rs.getLong(2), grain) * grain;
                        if (failed) {
                            String what = grain + "|" + bucket + "|" + rs.getString(3) + "|" + rs.getString(4) + "|"
                                    + rs.getString(6);
                            add(error, org + "|" + rs.getString(1) + "|" + what, 1);
                            add(orgError, org + "|" + what, 1);
                        }
                    }
                }
            }
        }
        assertTrue(errors > 100, "the events hold errors");
        assertEquals(exact(apiKey), stored("""
                select org_id || '|' || team_id || '|' || grain || '|' || extract(epoch from bucket_start)::bigint
                       || '|' || coalesce(api_key_id, 'null'),
                       request_count, error_count, input_tokens, output_tokens, credits, cost_usd
                from rollup_api_key where org_id = ?
                """));
        assertEquals(error, stored("""
                select org_id || '|' || team_id || '|' || grain || '|' || extract(epoch from bucket_start)::bigint
                       || '|' || provider || '|' || model || '|' || coalesce(error_type, 'null'), error_count
                from rollup_error where org_id = ?
                """));
        assertEquals(orgError, stored("""
                select org_id || '|' || grain || '|' || extract(epoch from bucket_start)::bigint
                       || '|' || provider || '|' || model || '|' || coalesce(error_type, 'null'), error_count
                from rollup_org_error where org_id = ?
                """));
    }

    /** Adds the figures to the row of {@code key}: longs add, decimals add exactly (null adds nothing). */
    private static void add(Map<String, List<Object>> rows, String key, Object... figures) {
        List<Object> row = rows.computeIfAbsent(key, k -> {
            List<Object> zero = new ArrayList<>();
            for (Object f : figures) {
                zero.add(f instanceof Number && !(f instanceof BigDecimal) ? (Object) 0L : BigDecimal.ZERO);
            }
            return zero;
        });
        for (int i = 0; i < figures.length; i++) {
            if (figures[i] instanceof BigDecimal d) {
                row.set(i, ((BigDecimal) row.get(i)).add(d));
            } else if (figures[i] != null) {
                row.set(i, (Long) row.get(i) + ((Number) figures[i]).longValue());
            }
        }
    }

    /** The rows with their decimals without trailing zeros, as {@link #stored} reads them. */
    private static Map<String, List<Object>> exact(Map<String, List<Object>> rows) {
        rows.values().forEach(row -> row.replaceAll(v -> v instanceof BigDecimal d ? d.stripTrailingZeros() : v));
        return rows;
    }

    /** The stored rows of this organization: key, then the figures (decimals without trailing zeros). */
    private Map<String, List<Object>> stored(String sql) throws SQLException {
        Map<String, List<Object>> rows = new TreeMap<>();
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, org);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 2; i <= rs.getMetaData().getColumnCount(); i++) {
                        Object v = rs.getObject(i);
                        row.add(v instanceof BigDecimal d ? d.stripTrailingZeros() : ((Number) v).longValue());
                    }
                    rows.put(rs.getString(1), row);
                }
            }
        }
        return rows;
    }
}
