package dev.gatewayreports.aggregation.rollup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datadoghq.sketch.ddsketch.DDSketch;
import dev.gatewayreports.model.stats.LatencySketches;
import dev.gatewayreports.testing.PostgresTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The latency sketches, claim after claim merged into the stored ones (read by primary-key probes): every stored
 * sketch must be, byte for byte, the encoding of a sketch that accepted each of its row's events one at a time, and
 * latency min and max the events' own.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@TestProfile(ManualRollups.class)
class SketchFoldTest {
    private static final String EVENTS = """
            select team_id, floor(extract(epoch from occurred_at))::bigint, provider, model, latency_ms
            from usage_event where org_id = ?
            """;
    /** Table, whether per team, grains, whether keyed by provider and model. */
    private static final Object[][] SHAPES = {
        {"rollup_org", false, new int[] {900, 3600, 86400}, false},
        {"rollup_org_model", false, new int[] {900, 3600, 86400}, true},
        {"rollup_team", true, new int[] {900, 3600, 86400}, false},
        {"rollup_model", true, new int[] {3600, 86400}, true},
    };

    private final AgroalDataSource ds;
    private final RollupCycle cycle;
    private final String org = "org_" + UUID.randomUUID().toString().substring(0, 8);
    private final String[] teams = {team(), team(), team()};

    SketchFoldTest(AgroalDataSource ds, RollupCycle cycle) {
        this.ds = ds;
        this.cycle = cycle;
    }

    private static String team() {
        return "team_" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void shouldStoreExactlyTheSketchesOfAPerEventFold() throws SQLException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String run = UUID.randomUUID().toString();
        RawEvents.insert(ds, org, teams, 3_000, now.minus(Duration.ofDays(2)), now, 0.21, run + "a");
        EquivalenceData.drain(cycle);
        // Late events into rows that already hold a sketch; then several batches in claims of one batch each.
        RawEvents.insert(
                ds, org, teams, 2_000, now.minus(Duration.ofDays(2)), now.minus(Duration.ofHours(30)), 0.37, run + "b");
        for (int i = 0; i < 3; i++) {
            RawEvents.insert(ds, org, teams, 400, now.minus(Duration.ofHours(3)), now, 0.5 + i / 10.0, run + "c" + i);
        }
        while (cycle.runOnce(1, () -> {}) >= 0) {
            // one batch per claim
        }

        for (Object[] shape : SHAPES) {
            Map<String, Object[]> expected = expected((Boolean) shape[1], (int[]) shape[2], (Boolean) shape[3]);
            Map<String, Object[]> stored = stored((String) shape[0], (Boolean) shape[1], (Boolean) shape[3]);
            assertTrue(expected.size() > 100, shape[0] + " has rows");
            assertEquals(expected.keySet(), stored.keySet(), shape[0] + " rows");
            HexFormat hex = HexFormat.of();
            for (Map.Entry<String, Object[]> row : expected.entrySet()) {
                Object[] want = row.getValue();
                Object[] got = stored.get(row.getKey());
                DDSketch sketch = (DDSketch) want[0];
                assertArrayEquals(
                        LatencySketches.encode(sketch),
                        (byte[]) got[0],
                        () -> shape[0] + " " + row.getKey() + ": " + hex.formatHex((byte[]) got[0]));
                assertEquals(want[1], got[1], shape[0] + " " + row.getKey() + " latency_min");
                assertEquals(want[2], got[2], shape[0] + " " + row.getKey() + " latency_max");
            }
        }
    }

    /** Per row: a sketch that accepted each event, the least and greatest latency. */
    private Map<String, Object[]> expected(boolean perTeam, int[] grains, boolean byModel) throws SQLException {
        Map<String, Object[]> rows = new TreeMap<>();
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(EVENTS)) {
            ps.setString(1, org);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int latency = rs.getInt(5);
                    for (int grain : grains) {
                        String key = (perTeam ? rs.getString(1) : "-") + "|" + grain + "|"
                                + Math.floorDiv(rs.getLong(2), grain) * grain
                                + (byModel ? "|" + rs.getString(3) + "|" + rs.getString(4) : "");
                        Object[] row = rows.computeIfAbsent(
                                key, k -> new Object[] {LatencySketches.empty(), Integer.MAX_VALUE, Integer.MIN_VALUE});
                        ((DDSketch) row[0]).accept(latency);
                        row[1] = Math.min((Integer) row[1], latency);
                        row[2] = Math.max((Integer) row[2], latency);
                    }
                }
            }
        }
        return rows;
    }

    /** Per stored row of this organization: its sketch's bytes, latency_min and latency_max. */
    private Map<String, Object[]> stored(String table, boolean perTeam, boolean byModel) throws SQLException {
        String sql = "select " + (perTeam ? "team_id" : "'-'") + " || '|' || grain || '|' || "
                + "extract(epoch from bucket_start)::bigint" + (byModel ? " || '|' || provider || '|' || model" : "")
                + ", latency_sketch, latency_min, latency_max from " + table + " where org_id = ?";
        Map<String, Object[]> rows = new TreeMap<>();
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, org);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getString(1), new Object[] {rs.getBytes(2), rs.getInt(3), rs.getInt(4)});
                }
            }
        }
        return rows;
    }
}
