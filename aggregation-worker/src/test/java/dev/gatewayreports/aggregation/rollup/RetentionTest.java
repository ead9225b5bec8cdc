package dev.gatewayreports.aggregation.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.model.audit.Actor;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@TestProfile(ManualRollups.class)
class RetentionTest {
    private final AgroalDataSource ds;
    private final RollupCycle cycle;
    private final Retention retention;

    RetentionTest(AgroalDataSource ds, RollupCycle cycle, Retention retention) {
        this.ds = ds;
        this.cycle = cycle;
        this.retention = retention;
    }

    @Test
    void shouldDropOldRawPartitionsAndKeepRollupsAndIdentities() throws SQLException {
        String team = "team_" + UUID.randomUUID().toString().substring(0, 8);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Instant old = today.minusDays(410).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant recent = today.minusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant();
        RawEvents.insert(
                ds, "org_ret", new String[] {team, team, team}, 300, old, old.plus(Duration.ofHours(20)), 0.1, "o");
        RawEvents.insert(
                ds,
                "org_ret",
                new String[] {team, team, team},
                300,
                recent,
                recent.plus(Duration.ofHours(20)),
                0.2,
                "r");
        EquivalenceData.drain(cycle);

        long[] result = retention.apply(today, Actor.system("test"));

        assertTrue(result[0] >= 1, "the partition of 410 days ago is dropped");
        assertEquals(
                0,
                count(
                        "select count(*) from usage_event where team_id = ? and occurred_at < ?",
                        team,
                        old.plus(Duration.ofDays(1))));
        assertEquals(300, count("select count(*) from usage_event where team_id = ?", team, null));
        // Rollups outlive raw events (1,100 days by default): the old day still reports its 300 requests.
        assertEquals(
                600,
                count("select sum(request_count) from rollup_team where team_id = ? and grain = 86400", team, null));
    }

    private long count(String sql, String team, Instant before) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, team);
            if (before != null) {
                ps.setTimestamp(2, java.sql.Timestamp.from(before));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
