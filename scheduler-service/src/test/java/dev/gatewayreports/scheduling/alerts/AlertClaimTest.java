package dev.gatewayreports.scheduling.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.scheduling.alerts.AlertFixtures.Rule;
import dev.gatewayreports.scheduling.support.Seeds;
import dev.gatewayreports.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Due rules are claimed in turns across organizations, leased, and due again a minute after their slot. */
@QuarkusTest
class AlertClaimTest {
    static final Instant NOW = Instant.parse("2026-11-23T14:00:30Z");

    @Inject
    AlertRepository repository;

    @BeforeEach
    void clear() {
        AlertFixtures.clearRules();
    }

    @Test
    void shouldClaimTheQuietOrganizationsRuleInTheFirstBatch() {
        String[] busy = Seeds.team("Busy");
        List<String> busyIds = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            busyIds.add(new Rule(busy[0], busy[1])
                    .dueAt(NOW.minus(Duration.ofMinutes(30)).plusSeconds(i))
                    .insert());
        }
        String[] quiet = Seeds.team("Quiet");
        String quietId = new Rule(quiet[0], quiet[1]).dueAt(NOW.minusSeconds(1)).insert();
        String disabled =
                new Rule(quiet[0], quiet[1]).dueAt(NOW.minusSeconds(2)).insert();
        Db.execute("update alert_rule set enabled = false where alert_id = ?", disabled);
        String later = new Rule(quiet[0], quiet[1]).dueAt(NOW.plusSeconds(1)).insert();

        List<String> first = ids(repository.claim(NOW, NOW.plus(Duration.ofMinutes(2)), 50));

        assertEquals(50, first.size());
        assertTrue(
                first.indexOf(quietId) >= 0 && first.indexOf(quietId) < 2, "quiet rule at " + first.indexOf(quietId));
        assertEquals(
                busyIds.subList(0, 49), first.stream().filter(busyIds::contains).toList());
        List<String> rest = new ArrayList<>();
        List<String> batch;
        while (!(batch = ids(repository.claim(NOW, NOW.plus(Duration.ofMinutes(2)), 50))).isEmpty()) {
            rest.addAll(batch);
        }
        assertEquals(busyIds.subList(49, 300), rest, "leased rules are not handed out twice");
        assertTrue(!rest.contains(disabled) && !rest.contains(later));
        // The lease over, they are due again (had nobody evaluated them).
        assertEquals(
                50,
                repository
                        .claim(NOW.plus(Duration.ofMinutes(2)), NOW.plus(Duration.ofMinutes(4)), 50)
                        .size());
    }

    @Test
    void shouldAdvanceOneMinuteFromTheSlotNotFromNow() {
        Instant slot = Instant.parse("2026-11-23T14:00:00Z");
        assertEquals(slot.plusSeconds(60), AlertEvaluator.nextEvalAt(slot, slot.plusSeconds(59)));
        assertEquals(slot.plusSeconds(120), AlertEvaluator.nextEvalAt(slot, slot.plusSeconds(60)));
        // After downtime: the first minute of the slot's grid after now, not one evaluation per missed minute.
        assertEquals(slot.plus(Duration.ofMinutes(48)), AlertEvaluator.nextEvalAt(slot, slot.plusSeconds(47 * 60 + 5)));
    }

    private static List<String> ids(List<AlertRule> rules) {
        return rules.stream().map(AlertRule::alertId).toList();
    }
}
