package dev.gatewayreports.scheduling.due;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.scheduling.support.Seeds;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Due deliveries are claimed in turns across organizations, so one busy tenant cannot delay another's mail. */
@QuarkusTest
class FairClaimsTest {
    static final Instant NOW = Instant.parse("2026-11-23T14:00:00Z");

    @Inject
    DueRepository repository;

    @BeforeEach
    void clear() {
        Seeds.clearSchedules();
    }

    @Test
    void shouldClaimTheQuietOrganizationsDeliveryInTheFirstBatch() {
        String[] busy = Seeds.team("Busy org");
        List<String> busyIds = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            busyIds.add(due(busy, NOW.minus(Duration.ofHours(2)).plusSeconds(i)));
        }
        String[] quiet = Seeds.team("Quiet org");
        String quietId = due(quiet, NOW.minusSeconds(5)); // due last of all

        List<ClaimedDelivery> first = repository.claim(NOW, NOW.plus(Duration.ofMinutes(5)), 20);

        assertEquals(20, first.size());
        List<String> ids = first.stream().map(ClaimedDelivery::deliveryId).toList();
        assertTrue(ids.contains(quietId), "the quiet organization waits behind 1,000 mails of another");
        assertTrue(ids.indexOf(quietId) < 2, "sent after " + ids.indexOf(quietId) + " others of the batch");
        // Within the busy organization the order is still oldest first.
        assertEquals(
                busyIds.subList(0, 19), ids.stream().filter(busyIds::contains).toList());
    }

    @Test
    void shouldTakeTurnsOldestFirstWithinEachOrganization() {
        String[] a = Seeds.team("A");
        String[] b = Seeds.team("B");
        String a1 = due(a, NOW.minusSeconds(600));
        String a2 = due(a, NOW.minusSeconds(590));
        String a3 = due(a, NOW.minusSeconds(580));
        String b1 = due(b, NOW.minusSeconds(60));
        String b2 = due(b, NOW.minusSeconds(50));

        List<String> claimed = repository.claim(NOW, NOW.plus(Duration.ofMinutes(5)), 4).stream()
                .map(ClaimedDelivery::deliveryId)
                .toList();

        assertEquals(List.of(a1, b1, a2, b2), claimed);
        List<String> rest = repository.claim(NOW, NOW.plus(Duration.ofMinutes(5)), 4).stream()
                .map(ClaimedDelivery::deliveryId)
                .toList();
        assertEquals(List.of(a3), rest, "claimed ones are leased, not handed out twice");
    }

    private static String due(String[] team, Instant at) {
        return Seeds.adHoc(
                team,
                List.of("someone@example.com"),
                "none",
                Instant.parse("2026-11-16T00:00:00Z"),
                Instant.parse("2026-11-23T00:00:00Z"),
                at);
    }
}
