package dev.gatewayreports.reportapi.reports;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.model.report.RecentError;
import dev.gatewayreports.model.report.SlowRequest;
import dev.gatewayreports.reportapi.reports.ReportEventsRepository.EdgeScan;
import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.testing.Db;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The slowest-requests list (ReportEventsRepository.SLOWEST, here with every batch pending, or folded by another test
 * meanwhile: KeptListsFoldedDaysTest covers folded days) against plain Java over the events sent, with two teams of
 * one organization whose owner digests collide (V30's usage_event_slowest_idx keys on that digest, not on the ids) and
 * the same team id in another organization; and the read really goes through that index. The newest-errors list
 * (ReportEventsRepository.newestErrors) against plain Java over the same events, with windows whose last UTC day does
 * not fill the list.
 */
@QuarkusTest
class SlowestRequestsTest {
    @Inject
    ReportEventsRepository events;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldListTheSlowestOfTheTeamsAskedForOnlyWhenOwnerDigestsCollide() throws Exception {
        String org = Tenants.newOrg();
        String otherOrg = Tenants.newOrg();
        String[] colliding = collidingTeams(org);
        String team = colliding[0];
        String twin = colliding[1];
        String third = Tenants.newTeam();
        Map<String, Object> digests = Db.one(
                "select " + ReportEventsRepository.OWNER_DIGEST.formatted("?::text", "?::text") + " as a, "
                        + ReportEventsRepository.OWNER_DIGEST.formatted("?::text", "?::text") + " as b",
                org,
                team,
                org,
                twin);
        assertEquals(digests.get("a"), digests.get("b"), "PostgreSQL computes the same digest for both teams");
        assertEquals(digest(org, team), digests.get("a"), "and the same as Java");

        Instant from = Instant.parse("2024-03-01T00:00:00Z");
        Instant to = Instant.parse("2024-03-04T00:00:00Z");
        List<SampleEvents.Sample> ofTeam = SampleEvents.between(71, 400, from, to);
        List<SampleEvents.Sample> ofTwin = SampleEvents.between(72, 400, from, to);
        List<SampleEvents.Sample> ofThird = SampleEvents.between(73, 300, from, to);
        List<SampleEvents.Sample> ofOtherOrg = SampleEvents.between(74, 400, from, to);
        String key = Tenants.serviceKey(org, "ingest");
        ingest(key, team, ofTeam);
        ingest(key, twin, ofTwin);
        ingest(key, third, ofThird);
        ingest(Tenants.serviceKey(otherOrg, "ingest"), team, ofOtherOrg);

        // Mid-day edges: the first and last days are read in part.
        Instant start = from.plus(10, ChronoUnit.HOURS);
        Instant end = to.minus(7, ChronoUnit.HOURS);
        check(events.slowest(org, List.of(team), start, end), within(ofTeam, start, end));
        check(events.slowest(org, List.of(twin), start, end), within(ofTwin, start, end));
        check(
                events.slowest(org, List.of(team, twin, third), start, end),
                within(Stream.of(ofTeam, ofTwin, ofThird).flatMap(List::stream).toList(), start, end));
        check(events.slowest(otherOrg, List.of(team), start, end), within(ofOtherOrg, start, end));
        // Fewer events in the window than the list holds: all of them, in order.
        Instant hourEnd = start.plus(1, ChronoUnit.HOURS);
        List<SampleEvents.Sample> inHour = within(ofTeam, start, hourEnd);
        assertTrue(
                inHour.size() > 0 && inHour.size() < ReportEventsRepository.LIMIT, "a short window: " + inHour.size());
        check(events.slowest(org, List.of(team), start, hourEnd), inHour);

        // The partial days at the edges through usage_event_slowest_idx, the whole days through an index of
        // slowest_request (V37; which one is the planner's choice for this test's few rows).
        Set<String> read = indexesRead(org, List.of(team, twin), start, end);
        assertTrue(
                read.contains("usage_event_slowest_idx")
                        && read.stream().anyMatch(i -> i.startsWith("slowest_request_")),
                "indexes read: " + read);

        // The newest errors (ReportEventsRepository.newestErrors): several teams read the window's last UTC day first,
        // then the rest of it when that day holds fewer than the list; one team reads the whole window at once.
        List<SampleEvents.Sample> all =
                Stream.of(ofTeam, ofTwin, ofThird).flatMap(List::stream).toList();
        Instant lastDay = end.truncatedTo(ChronoUnit.DAYS);
        long lastDayErrors = within(all, lastDay, end).stream()
                .filter(SampleEvents.Sample::error)
                .count();
        long windowErrors = within(all, start, end).stream()
                .filter(SampleEvents.Sample::error)
                .count();
        assertTrue(
                lastDayErrors > 0
                        && lastDayErrors < ReportEventsRepository.LIMIT
                        && windowErrors > ReportEventsRepository.LIMIT,
                "the last day alone does not fill the list: " + lastDayErrors + " of " + windowErrors);
        checkErrors(events.newestErrors(org, List.of(team, twin, third), start, end), within(all, start, end));
        checkErrors(events.newestErrors(org, List.of(team, twin, third), start, lastDay), within(all, start, lastDay));
        checkErrors(events.newestErrors(org, List.of(team), start, end), within(ofTeam, start, end));
        checkErrors(events.newestErrors(otherOrg, List.of(team), start, end), within(ofOtherOrg, start, end));
        checkErrors(
                events.newestErrors(org, List.of(team, twin), start, hourEnd),
                within(Stream.of(ofTeam, ofTwin).flatMap(List::stream).toList(), start, hourEnd));
    }

    /** The independent computation: the window's errors sorted in Java, newest first (then request id, descending). */
    private static void checkErrors(List<RecentError> actual, List<SampleEvents.Sample> samples) {
        List<String> expected = samples.stream()
                .filter(SampleEvents.Sample::error)
                .sorted(Comparator.comparing(SampleEvents.Sample::occurredAt)
                        .thenComparing(SampleEvents.Sample::requestId)
                        .reversed())
                .limit(ReportEventsRepository.LIMIT)
                .map(SampleEvents.Sample::requestId)
                .toList();
        assertEquals(expected, actual.stream().map(RecentError::requestId).toList());
    }

    private static void ingest(String key, String team, List<SampleEvents.Sample> samples) {
        given().header("x-api-key", key)
                .contentType(ContentType.JSON)
                .body(samples.stream().map(s -> s.json(team)).toList())
                .post("/v1/usage/events")
                .then()
                .statusCode(200)
                .body("accepted", org.hamcrest.Matchers.equalTo(samples.size()));
    }

    private static List<SampleEvents.Sample> within(List<SampleEvents.Sample> samples, Instant start, Instant end) {
        return samples.stream()
                .filter(s -> !s.occurredAt().isBefore(start) && s.occurredAt().isBefore(end))
                .toList();
    }

    /** The independent computation: every event of the window sorted in Java, latency then time descending. */
    private static void check(List<SlowRequest> actual, List<SampleEvents.Sample> samples) {
        List<SampleEvents.Sample> expected = samples.stream()
                .sorted(Comparator.comparingInt(SampleEvents.Sample::latencyMs)
                        .thenComparing(SampleEvents.Sample::occurredAt)
                        .reversed()
                        .thenComparing(SampleEvents.Sample::requestId))
                .limit(ReportEventsRepository.LIMIT)
                .toList();
        assertEquals(
                expected.stream().map(SampleEvents.Sample::requestId).toList(),
                actual.stream().map(SlowRequest::requestId).toList());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).latencyMs(), actual.get(i).latencyMs().intValueExact());
            assertEquals(
                    expected.get(i).occurredAt(), Instant.parse(actual.get(i).occurredAt()));
            assertEquals(expected.get(i).model(), actual.get(i).model());
        }
    }

    /** The first 32 bits of md5(org || ' ' || team), as V30's index expression computes them. */
    private static int digest(String org, String team) throws Exception {
        byte[] md5 = MessageDigest.getInstance("MD5").digest((org + " " + team).getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(md5, 0, 4).getInt();
    }

    /** Two team ids of the organization with the same digest (a birthday search: about 2^16 tries). */
    private static String[] collidingTeams(String org) throws Exception {
        Map<Integer, String> seen = new HashMap<>();
        for (int i = 0; i < 5_000_000; i++) {
            String team = "team_c" + i;
            String earlier = seen.putIfAbsent(digest(org, team), team);
            if (earlier != null) {
                assertNotEquals(earlier, team);
                return new String[] {earlier, team};
            }
        }
        throw new AssertionError("no digest collision in 5,000,000 team ids");
    }

    /** The partitioned indexes the read's plan scans (by their parent), with sequential and bitmap scans off. */
    private Set<String> indexesRead(String org, List<String> teams, Instant start, Instant end) throws Exception {
        Set<String> partitionIndexes = new HashSet<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("set local enable_seqscan = off");
                s.execute("set local enable_bitmapscan = off");
            }
            try (PreparedStatement ps = c.prepareStatement("explain (format text) " + ReportEventsRepository.SLOWEST)) {
                ReportEventsRepository.bindSlowest(c, ps, org, teams, start, end, EdgeScan.BY_STORAGE);
                Pattern index = Pattern.compile("Index (?:Only )?Scan(?: Backward)? using (\\S+) on");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Matcher m = index.matcher(rs.getString(1));
                        if (m.find()) {
                            partitionIndexes.add(m.group(1));
                        }
                    }
                }
            }
            c.rollback();
        }
        assertFalse(partitionIndexes.isEmpty(), "the plan scans an index");
        List<String> parents = new ArrayList<>();
        for (String name : partitionIndexes) {
            // On Citus the plan names a shard's index: the partition index's name and _<shard id>.
            String parent = parentIndex(name);
            if (parent == null) {
                parent = parentIndex(name.replaceFirst("_[0-9]+$", ""));
            }
            // An index of a table that is not partitioned (slowest_request) is its own parent; on Citus, its shard's.
            parents.add(parent != null ? parent : name.replaceFirst("_[0-9]+$", ""));
        }
        return new HashSet<>(parents);
    }

    private static String parentIndex(String partitionIndex) {
        List<Map<String, Object>> rows = Db.query("""
                select p.relname
                  from pg_inherits i
                  join pg_class c on c.oid = i.inhrelid
                  join pg_class p on p.oid = i.inhparent
                 where c.relname = ?""", partitionIndex);
        return rows.isEmpty() ? null : (String) rows.get(0).get("relname");
    }
}
