package dev.gatewayreports.reportapi.quotas;

import static dev.gatewayreports.reportapi.support.Events.event;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.reportapi.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Send quotas per user and per organization, and ingest rate limits per key: 429 with Retry-After in the error
 * shape, the field naming the quota.
 *
 * <p>Two replicas cannot double a limit: the only state is in PostgreSQL (sends are counted from report_delivery
 * under a per-organization advisory lock held until the new delivery is committed; ingest counts are one row per
 * credential changed by a single conditional upsert), nothing is counted in a JVM. Concurrent requests to this one
 * instance take exactly the path that requests to two instances would, so the concurrent tests below are the
 * replica test: without the lock (or with a read-then-write count) they let more than the limit through.
 */
@QuarkusTest
@TestProfile(TightQuotas.class)
class QuotasTest {

    @Test
    void shouldLimitSendsPerUserAndThenPerOrganizationWith429AndRetryAfter() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String ann = "user-ann-" + UUID.randomUUID();

        send(org, team, ann).then().statusCode(202);
        send(org, team, ann).then().statusCode(202);
        Response third = send(org, team, ann);

        assertLimited(third, "sends_per_user");
        long retryAfter = Long.parseLong(third.header("Retry-After"));
        assertTrue(retryAfter > 3_500 && retryAfter <= 3_600, "Retry-After " + retryAfter);

        send(org, team, "user-bob-" + UUID.randomUUID()).then().statusCode(202);
        assertLimited(send(org, team, "user-cid-" + UUID.randomUUID()), "sends_per_organization");
        // Another organization has its own quota.
        send(Tenants.newOrg(), Tenants.newTeam(), ann).then().statusCode(202);
    }

    @Test
    void shouldNotLetConcurrentSendsPassTheLimit() throws Exception {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String user = "user-" + UUID.randomUUID();
        send(org, team, user).then().statusCode(202); // the organization and team exist before the race

        List<Integer> statuses = race(8, () -> send(org, team, user).statusCode());

        assertEquals(1, statuses.stream().filter(s -> s == 202).count(), statuses.toString());
        assertEquals(7, statuses.stream().filter(s -> s == 429).count(), statuses.toString());
    }

    @Test
    void shouldLimitIngestPerKeyByRequestsAndEvents() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String key = Tenants.serviceKey(org, "ingest");

        ingest(key, team, 4).then().statusCode(200).body("accepted", equalTo(4));
        ingest(key, team, 4).then().statusCode(200);
        assertLimited(ingest(key, team, 4), "events_per_key"); // 12 > 10 events: refused, and not counted
        ingest(key, team, 1).then().statusCode(200); // the 3rd request, 9 events
        assertLimited(ingest(key, team, 1), "requests_per_key");
        assertLimited(ingest(Tenants.serviceKey(org, "ingest"), team, 11), "events_per_key"); // too big alone
        // Another key of the same organization counts on its own.
        ingest(Tenants.serviceKey(org, "ingest"), team, 2).then().statusCode(200);
    }

    @Test
    void shouldNotLetConcurrentIngestPassTheLimit() throws Exception {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String key = Tenants.serviceKey(org, "ingest");

        List<Integer> statuses = race(8, () -> ingest(key, team, 1).statusCode());

        assertEquals(3, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(5, statuses.stream().filter(s -> s == 429).count(), statuses.toString());
    }

    private static void assertLimited(Response response, String quota) {
        assertEquals(429, response.statusCode(), response.asString());
        response.then().body("error.code", equalTo("quota_exceeded")).body("error.field", equalTo(quota));
        assertTrue(
                Long.parseLong(response.header("Retry-After")) >= 1, "Retry-After " + response.header("Retry-After"));
    }

    private static List<Integer> race(int n, Callable<Integer> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : futures) {
                statuses.add(f.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Response send(String org, String team, String subject) {
        return given().header(
                        "Authorization",
                        Tokens.bearer(
                                Tokens.withSubject(subject, subject + "@example.com", org, List.of(team), "member")))
                .queryParam("report_type", "usage")
                .queryParam("team_id", team)
                .post("/v1/reports/send");
    }

    private static Response ingest(String key, String team, int events) {
        List<Map<String, Object>> body = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            body.add(event(team).build());
        }
        return given().header("x-api-key", key)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/usage/events");
    }
}
