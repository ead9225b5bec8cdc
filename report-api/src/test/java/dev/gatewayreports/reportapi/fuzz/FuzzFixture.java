package dev.gatewayreports.reportapi.fuzz;

import static dev.gatewayreports.reportapi.support.Events.event;
import static io.restassured.RestAssured.given;

import dev.gatewayreports.reportapi.support.Rollups;
import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.reportapi.support.Tokens;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The tenant a fuzz run attacks, made through the public API: one organization with two teams holding known
 * events (never touched by the fuzz requests), a team the fuzz requests may write to, every kind of credential,
 * and one saved report, schedule and delivery so path ids can also be real.
 *
 * @param prefix every team id a fuzz request could create starts with it, so a run never claims another test's id
 * @param known the events ingested before the run, by team
 * @param window the window holding every known event
 */
record FuzzFixture(
        String prefix,
        String org,
        String team1,
        String team2,
        String fuzzTeam,
        String orgAdmin,
        String teamAdmin,
        String member,
        String reportService,
        String foreignMember,
        String ingestKey,
        String statsKey,
        String adminKey,
        String sacrificialKeyId,
        String reportId,
        String deliveryId,
        Map<String, Integer> known,
        Instant[] window) {

    static FuzzFixture create() {
        String prefix = "fz" + UUID.randomUUID().toString().substring(0, 8) + "_";
        String org = Tenants.newOrg();
        String team1 = prefix + "known1";
        String team2 = prefix + "known2";
        String fuzzTeam = prefix + "fuzz";
        String ingestKey = Tenants.serviceKey(org, "ingest");
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant start = end.minus(3, ChronoUnit.DAYS);
        ingestKnown(ingestKey, team1, 60, start);
        ingestKnown(ingestKey, team2, 40, start);
        Rollups.foldAll();
        String orgAdmin = Tokens.orgAdmin(org);
        String teamAdmin = Tokens.withEmail("lead@example.com", org, List.of(team1, fuzzTeam), "team_admin");
        String member = Tokens.withEmail("ana@example.com", org, List.of(team1), "member");
        String sacrificial = mintKeyId(orgAdmin);
        return new FuzzFixture(
                prefix,
                org,
                team1,
                team2,
                fuzzTeam,
                orgAdmin,
                teamAdmin,
                member,
                Tokens.user(null, List.of(), "report_service"),
                Tokens.user(Tenants.newOrg(), List.of(team1), "org_admin"),
                ingestKey,
                Tenants.serviceKey(org, "stats"),
                Tenants.serviceKey(org, "admin"),
                sacrificial,
                savedReport(member, team1),
                delivery(member, team1),
                Map.of(team1, 60, team2, 40),
                new Instant[] {start, end});
    }

    /** {@code n} events spread over the hours after {@code start}, in one call. */
    private static void ingestKnown(String key, String team, int n, Instant start) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(event(team)
                    .with(
                            "occurred_at",
                            start.plus(i, ChronoUnit.HOURS).plusSeconds(7).toString())
                    .with("latency_ms", 100 + i)
                    .build());
        }
        given().header("x-api-key", key)
                .contentType(ContentType.JSON)
                .body(events)
                .post("/v1/usage/events")
                .then()
                .statusCode(200);
    }

    private static String mintKeyId(String orgAdmin) {
        return given().header("Authorization", Tokens.bearer(orgAdmin))
                .contentType(ContentType.JSON)
                .body(Map.of("name", "fuzz may revoke this", "scopes", List.of("ingest")))
                .post("/v1/admin/service-keys")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static String savedReport(String member, String team) {
        return given().header("Authorization", Tokens.bearer(member))
                .contentType(ContentType.JSON)
                .body(Map.of("report_type", "usage", "days", 7, "team_id", team, "save", true))
                .post("/v1/reports/generate")
                .then()
                .statusCode(200)
                .extract()
                .header("X-Report-Id");
    }

    private static String delivery(String member, String team) {
        return given().header("Authorization", Tokens.bearer(member))
                .queryParam("report_type", "usage")
                .queryParam("team_id", team)
                .post("/v1/reports/send")
                .then()
                .statusCode(202)
                .extract()
                .path("delivery_id");
    }

    /** HTTP Basic {@code api:<key>}. */
    static String basic(String key) {
        return "Basic " + Base64.getEncoder().encodeToString(("api:" + key).getBytes(StandardCharsets.UTF_8));
    }
}
