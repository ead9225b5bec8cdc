package dev.gatewayreports.reportapi.support;

import static io.restassured.RestAssured.given;

import dev.gatewayreports.model.fixtures.GeneratedEvent;
import dev.gatewayreports.model.fixtures.UsageEventGenerator;
import dev.gatewayreports.model.fixtures.UsageEventJson;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * One generated dataset for reconciliation tests: an organization with three teams (the first its default), five
 * New York days around the 2025 spring-forward (a 23-hour local day), errors, cache tokens, every service tier,
 * console traffic; ingested in time order but with every tenth event arriving late (after the others were rolled
 * up), and the first 300 events sent twice. Every API must count what {@link IndependentTotals} counts.
 */
public record ReconciliationDataset(
        String orgId, List<String> teams, Instant start, Instant end, ZoneId zone, List<GeneratedEvent> events) {

    /** New York local midnight of 2025-03-07 to local midnight of 2025-03-12; 2025-03-09 has 23 hours. */
    public static final String START = "2025-03-07T00:00:00-05:00";

    public static final String END = "2025-03-12T00:00:00-04:00";

    public static ReconciliationDataset ingest(long seed, int count) {
        String org = Tenants.newOrg();
        List<String> teams = List.of(Tenants.newTeam(), Tenants.newTeam(), Tenants.newTeam());
        ZoneId zone = ZoneId.of("America/New_York");
        Instant start = java.time.OffsetDateTime.parse(START).toInstant();
        Instant end = java.time.OffsetDateTime.parse(END).toInstant();
        List<GeneratedEvent> events = UsageEventGenerator.builder()
                .seed(seed)
                .events(count)
                .window(start, end)
                .teams(teams)
                .zone(zone)
                .errorRate(0.05)
                .build()
                .stream()
                .toList();
        String key = Tenants.serviceKey(org, "ingest");
        List<GeneratedEvent> onTime = new ArrayList<>();
        List<GeneratedEvent> late = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            (i % 10 == 0 ? late : onTime).add(events.get(i));
        }
        for (int i = 0; i < onTime.size(); i += 1_000) {
            send(key, onTime.subList(i, Math.min(onTime.size(), i + 1_000)), -1);
        }
        Rollups.foldAll();
        send(key, late, late.size());
        send(key, events.subList(0, Math.min(300, events.size())), 0); // client retries: duplicates
        Rollups.foldAll();
        Ingest.makeDefault(org, teams.get(0));
        return new ReconciliationDataset(org, teams, start, end, zone, events);
    }

    private static void send(String key, List<GeneratedEvent> batch, int expectAccepted) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        UsageEventJson.writeNdjson(batch.iterator(), out);
        int accepted = given().header("x-api-key", key)
                .contentType("application/x-ndjson")
                .body(out.toByteArray())
                .post("/v1/usage/events")
                .then()
                .statusCode(200)
                .extract()
                .path("accepted");
        int expected = expectAccepted < 0 ? batch.size() : expectAccepted;
        if (accepted != expected) {
            throw new IllegalStateException("accepted " + accepted + " of " + batch.size() + ", expected " + expected);
        }
    }
}
