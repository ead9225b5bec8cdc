package dev.gatewayreports.reportapi.reports;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.model.report.RecentError;
import dev.gatewayreports.model.report.SlowRequest;
import dev.gatewayreports.reportapi.reports.ReportEventsRepository.EdgeScan;
import dev.gatewayreports.reportapi.support.Rollups;
import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.reportapi.support.Tokens;
import dev.gatewayreports.testing.Db;
import dev.gatewayreports.testing.EventBatches;
import dev.gatewayreports.testing.EventBatches.Event;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The slowest-requests and newest-errors lists when some days are folded (read from slowest_request V37, newest_error
 * V38) and some batches still pending (read from raw events), against a plain Java sort of every generated event of the
 * window (every column of a listed error compared): several UTC days, three
 * teams of one organization and the same team ids in another, latency and time ties (the request id decides), windows
 * in UTC, Asia/Seoul, Asia/Kolkata (+05:30) and an arbitrary start/end, one team and all teams; through the
 * repository and through the report. Where the database has columnar storage (the Citus suite) the closed days are
 * then turned columnar and every list is checked again. Days of 1991, which no other test writes, dropped afterwards.
 */
@QuarkusTest
class KeptListsFoldedDaysTest {
    private static final LocalDate FIRST = LocalDate.parse("1991-03-01");
    private static final int DAYS = 5;

    @Inject
    ReportEventsRepository events;

    @Inject
    AgroalDataSource dataSource;

    private final List<String> orgs = new ArrayList<>();

    /** One generated event, in plain Java. */
    record Ev(String org, Event event) {
        String team() {
            return event.team();
        }

        String requestId() {
            return event.requestId();
        }

        Instant occurredAt() {
            return event.occurredAt();
        }

        int latencyMs() {
            return event.latencyMs();
        }

        /** As the report lists it. */
        RecentError asError() {
            return new RecentError(
                    requestId(),
                    occurredAt().toString(),
                    "anthropic",
                    "claude-sonnet-4-5",
                    event.errorType(),
                    event.httpStatus(),
                    event.errorMessage(),
                    BigDecimal.valueOf(latencyMs()));
        }
    }

    private static final Comparator<Ev> REPORT_ORDER = Comparator.comparingInt(Ev::latencyMs)
            .thenComparing(Ev::occurredAt)
            .reversed()
            .thenComparing(Ev::requestId);

    private static final Comparator<Ev> NEWEST_FIRST =
            Comparator.comparing(Ev::occurredAt).thenComparing(Ev::requestId).reversed();

    @AfterEach
    void dropTheDays() {
        Db.query(
                "select usage_event_drop_partitions_before(?::date)",
                FIRST.plusDays(DAYS + 1).toString());
        Db.execute(
                "delete from slowest_request where day < ?::date",
                FIRST.plusDays(DAYS + 1).toString());
        Db.execute(
                "delete from newest_error where occurred_at < ?",
                FIRST.plusDays(DAYS + 1).atStartOfDay(ZoneId.of("UTC")).toInstant());
        for (String org : orgs) {
            Db.execute("delete from ingest_batch where org_id = ?", org);
        }
    }

    /**
     * One ingest batch (as ingest writes it: the batch row and its events) of {@code n} events over the test's days:
     * latencies from 25 values and times on whole minutes, so ties are common; about half are errors (of two types).
     */
    private List<Ev> batch(String org, List<String> teams, int n, long seed, String prefix) throws Exception {
        Random r = new Random(seed);
        List<Event> out = new ArrayList<>();
        Instant from = FIRST.atStartOfDay(ZoneId.of("UTC")).toInstant();
        for (int i = 0; i < n; i++) {
            int latency = 40 * (1 + r.nextInt(25));
            out.add(new Event(
                    teams.get(r.nextInt(teams.size())),
                    prefix + String.format("%05d", i),
                    from.plus(r.nextInt(DAYS * 24 * 60), ChronoUnit.MINUTES),
                    latency,
                    latency / 40 % 2 == 0 ? (latency % 3 == 0 ? "rate_limit" : "timeout") : null));
        }
        try (Connection c = dataSource.getConnection()) {
            EventBatches.insert(c, org, out, null);
        }
        return out.stream().map(e -> new Ev(org, e)).toList();
    }

    /** The independent newest errors: the window's errors of the teams sorted in Java, the first 100. */
    private static List<RecentError> expectedErrors(
            List<Ev> all, String org, List<String> teams, Instant start, Instant end) {
        return all.stream()
                .filter(e -> e.org().equals(org)
                        && teams.contains(e.team())
                        && e.event().error())
                .filter(e -> !e.occurredAt().isBefore(start) && e.occurredAt().isBefore(end))
                .sorted(NEWEST_FIRST)
                .limit(ReportEventsRepository.LIMIT)
                .map(Ev::asError)
                .toList();
    }

    /** The independent computation: the window's events of the teams sorted in Java, the first 100. */
    private static List<String> expected(List<Ev> all, String org, List<String> teams, Instant start, Instant end) {
        return all.stream()
                .filter(e -> e.org().equals(org) && teams.contains(e.team()))
                .filter(e -> !e.occurredAt().isBefore(start) && e.occurredAt().isBefore(end))
                .sorted(REPORT_ORDER)
                .limit(ReportEventsRepository.LIMIT)
                .map(Ev::requestId)
                .toList();
    }

    /** Windows: whole UTC days, local days of +09:00 and +05:30 zones, an arbitrary start/end, partial and empty. */
    private static List<Instant[]> windows() {
        List<Instant[]> w = new ArrayList<>();
        for (String zone : List.of("UTC", "Asia/Seoul", "Asia/Kolkata")) {
            ZoneId z = ZoneId.of(zone);
            w.add(new Instant[] {
                FIRST.atStartOfDay(z).toInstant(),
                FIRST.plusDays(DAYS).atStartOfDay(z).toInstant()
            });
            w.add(new Instant[] {
                FIRST.plusDays(1).atStartOfDay(z).toInstant(),
                FIRST.plusDays(3).atStartOfDay(z).toInstant()
            });
            w.add(new Instant[] {
                FIRST.plusDays(2).atStartOfDay(z).toInstant(),
                FIRST.plusDays(3).atStartOfDay(z).toInstant()
            });
        }
        w.add(new Instant[] {Instant.parse("1991-03-01T07:13:21Z"), Instant.parse("1991-03-04T19:02:05Z")});
        w.add(new Instant[] {Instant.parse("1991-03-02T00:00:00Z"), Instant.parse("1991-03-04T19:02:05Z")});
        w.add(new Instant[] {Instant.parse("1991-03-02T05:00:00Z"), Instant.parse("1991-03-02T09:30:00Z")});
        w.add(new Instant[] {Instant.parse("1991-03-02T05:00:00Z"), Instant.parse("1991-03-03T09:30:00Z")});
        w.add(new Instant[] {Instant.parse("1991-02-20T00:00:00Z"), Instant.parse("1991-02-25T00:00:00Z")});
        return w;
    }

    /**
     * Every window, for all teams and for one, with the edges read each way (per team, in one scan, and as the storage
     * asks: on plain PostgreSQL per team, on Citus's columnar days in one scan).
     */
    private void checkAll(List<Ev> all, String org, List<String> teams, String stage) {
        for (Instant[] w : windows()) {
            for (List<String> asked : List.of(teams, List.of(teams.get(0)))) {
                List<String> expected = expected(all, org, asked, w[0], w[1]);
                List<RecentError> expectedErrors = expectedErrors(all, org, asked, w[0], w[1]);
                for (EdgeScan edges : EdgeScan.values()) {
                    String what = stage + ", edges " + edges + ": " + asked.size() + " teams, " + w[0] + " – " + w[1];
                    List<String> actual = events.slowest(org, asked, w[0], w[1], edges).stream()
                            .map(SlowRequest::requestId)
                            .toList();
                    assertEquals(expected, actual, what);
                    assertEquals(expectedErrors, events.newestErrors(org, asked, w[0], w[1], edges), "errors, " + what);
                }
            }
        }
    }

    @Test
    void shouldListTheWindowsSlowestAndNewestErrorsFromFoldedDaysPendingBatchesAndEdges() throws Exception {
        String org = Tenants.newOrg();
        String otherOrg = Tenants.newOrg();
        orgs.add(org);
        orgs.add(otherOrg);
        List<String> teams = List.of(Tenants.newTeam(), Tenants.newTeam(), Tenants.newTeam());
        // The teams as ingest registers them (the report's "all" is the organization's registered teams).
        for (String o : orgs) {
            Db.execute("insert into organization (org_id) values (?) on conflict (org_id) do nothing", o);
            for (String team : teams) {
                Db.execute(
                        "insert into team (org_id, team_id, name, registered_by) values (?, ?, ?, 'ingest')",
                        o,
                        team,
                        team);
            }
        }
        List<Ev> all = new ArrayList<>();
        // Folded: three batches (each team-day gets more than the 100 kept, across folds).
        for (int b = 0; b < 3; b++) {
            all.addAll(batch(org, teams, 1_200, 10 + b, "f" + b + "-"));
        }
        all.addAll(batch(otherOrg, teams, 800, 20, "x-"));
        Rollups.foldAll();
        assertTrue(
                Db.count(
                                "select count(*) from (select 1 from slowest_request where org_id = ?"
                                        + " group by team_id, day having count(*) = 100) d",
                                org)
                        == 3 * DAYS,
                "every team-day holds its 100 slowest");
        assertTrue(
                Db.count(
                                "select count(*) from (select 1 from newest_error where org_id = ?"
                                        + " group by team_id, (occurred_at at time zone 'UTC')::date"
                                        + " having count(*) = 100) d",
                                org)
                        >= 2 * DAYS,
                "most team-days hold more errors than the 100 kept");
        checkAll(all, org, teams, "all folded");
        // Pending: two more batches, not folded, slower and faster than what is stored.
        all.addAll(batch(org, teams, 700, 30, "p0-"));
        all.addAll(batch(org, teams, 700, 31, "p1-"));
        assertEquals(2, Db.count("select count(*) from ingest_batch where org_id = ? and rolled_up_at is null", org));
        assertEquals(2, Db.count("select count(*) from ingest_batch where org_id = ? and not slowest_kept", org));
        assertEquals(2, Db.count("select count(*) from ingest_batch where org_id = ? and not errors_kept", org));
        checkAll(all, org, teams, "partly pending");
        checkAll(all, otherOrg, teams, "the other organization");
        // A rolling update: a worker of the version before V37 folds one of them, marking it folded but adding nothing
        // to slowest_request or newest_error (it does not know them). Its events are read raw until a worker repairs
        // it.
        Db.execute(
                "update ingest_batch set rolled_up_at = now() where org_id = ? and batch_id = (select max(batch_id)"
                        + " from ingest_batch where org_id = ? and rolled_up_at is null)",
                org,
                org);
        checkAll(all, org, teams, "one batch folded by an old worker");
        Rollups.repairKept();
        assertEquals(
                0,
                Db.count(
                        "select count(*) from ingest_batch where org_id = ? and rolled_up_at is not null"
                                + " and not (slowest_kept and errors_kept)",
                        org));
        checkAll(all, org, teams, "the old worker's batch repaired, one pending");

        // Through the report: all teams, a Seoul window and an arbitrary start/end.
        for (String[] period : List.of(
                new String[] {"Asia/Seoul", "1991-03-02T00:00:00+09:00", "1991-03-05T00:00:00+09:00"},
                new String[] {"Asia/Kolkata", "1991-03-01T10:17:00+05:30", "1991-03-04T22:00:00+05:30"})) {
            Instant start = Instant.parse(period[1].replace("+09:00", "Z").replace("+05:30", "Z"))
                    .minus(period[0].equals("Asia/Seoul") ? 540 : 330, ChronoUnit.MINUTES);
            Instant end = Instant.parse(period[2].replace("+09:00", "Z").replace("+05:30", "Z"))
                    .minus(period[0].equals("Asia/Seoul") ? 540 : 330, ChronoUnit.MINUTES);
            JsonPath listed = given().header("Authorization", Tokens.bearer(Tokens.orgAdmin(org)))
                    .contentType(ContentType.JSON)
                    .body(Map.of(
                            "report_type", "comprehensive",
                            "team_id", "all",
                            "timezone", period[0],
                            "start", period[1],
                            "end", period[2]))
                    .post("/v1/reports/generate")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertEquals(
                    expected(all, org, teams, start, end),
                    listed.getList("data.slow_requests.request_id", String.class),
                    "the report, " + period[0]);
            assertEquals(
                    expectedErrors(all, org, teams, start, end).stream()
                            .map(RecentError::requestId)
                            .toList(),
                    listed.getList("data.error_details.recent_errors.request_id", String.class),
                    "the report's newest errors, " + period[0]);
        }

        // The pending batches folded: the same lists from the table alone.
        Rollups.foldAll();
        checkAll(all, org, teams, "all folded again");

        // On Citus the whole read is one organization's: a router statement to one shard group, one snapshot there.
        if (Db.count("select count(*) from pg_extension where extname = 'citus'") == 1) {
            Instant start = Instant.parse("1991-03-01T07:13:21Z");
            Instant end = Instant.parse("1991-03-04T19:02:05Z");
            try (Connection c = dataSource.getConnection();
                    PreparedStatement slowest = c.prepareStatement("explain " + ReportEventsRepository.SLOWEST);
                    PreparedStatement errors = c.prepareStatement("explain " + ReportEventsRepository.NEWEST_ERRORS)) {
                ReportEventsRepository.bindSlowest(c, slowest, org, teams, start, end, EdgeScan.BY_STORAGE);
                ReportEventsRepository.bindNewestErrors(c, errors, org, teams, start, end, EdgeScan.BY_STORAGE);
                for (PreparedStatement ps : List.of(slowest, errors)) {
                    StringBuilder plan = new StringBuilder();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            plan.append(rs.getString(1)).append('\n');
                        }
                    }
                    assertTrue(plan.toString().contains("Task Count: 1"), plan.toString());
                }
            }
        }

        // Closed days columnar (Citus): the lists do not change.
        if (Db.count("select count(*) from pg_am where amname = 'columnar'") == 1) {
            all.addAll(batch(org, teams, 500, 40, "c-"));
            long turned = Db.count(
                    "select usage_event_set_columnar_before(?::date)",
                    FIRST.plusDays(DAYS).toString());
            assertEquals(DAYS, turned, "the test's days are columnar");
            assertEquals(
                    Map.of("am", "columnar"),
                    Db.one(
                            "select a.amname::text as am from pg_class c join pg_am a on a.oid = c.relam"
                                    + " where c.relname = ?",
                            "usage_event_p" + FIRST.toString().replace("-", "")));
            checkAll(all, org, teams, "columnar, one batch pending");
            Rollups.foldAll();
            checkAll(all, org, teams, "columnar, all folded");
        }
        assertTrue(
                all.stream().collect(Collectors.groupingBy(Ev::latencyMs)).values().stream()
                        .anyMatch(v -> v.size() > 1),
                "latency ties");
    }
}
