package dev.gatewayreports.reportapi.fuzz;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Drives the running service over real HTTP with generated malformed requests for every endpoint — wrong types,
 * huge and negative numbers, unknown enums, bad zones and dates, over-long and control-character strings, deep JSON,
 * invalid UTF-8, huge bodies, bad cursors and ids, wrong content types and credentials — and checks that none gets
 * a 5xx, that every 4xx the application answers is in the API's error shape and names its field where it should,
 * that the service is healthy afterwards and that every event accepted before the run is still counted.
 *
 * <p>{@code ./mvnw verify} sends 1,000; {@code -Dfuzz.requests=10000} more, {@code -Dfuzz.seed=N} another
 * sequence. The seed and a table per endpoint are printed.
 */
@QuarkusTest
class MalformedRequestFuzzTest {
    /** The sequence {@code ./mvnw verify} runs; any other seed is another, as reproducible. */
    static final long DEFAULT_SEED = 20_251_121L;

    @TestHTTPResource("/")
    URL base;

    @Test
    void shouldAnswerEveryMalformedRequestWithoutA5xxAndKeepEveryAcceptedEvent() {
        long seed = seed();
        int requests = Integer.getInteger("fuzz.requests", 1_000);
        FuzzFixture fixture = FuzzFixture.create();
        assertCounted(fixture, "before the run");

        RequestGenerator generator = new RequestGenerator(seed, fixture);
        FuzzClient client = new FuzzClient(base.getHost(), base.getPort());
        FuzzTally tally = new FuzzTally();
        long started = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            FuzzRequest request = generator.next();
            tally.count(request, client.send(request));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        String health = given().get("/q/health").then().extract().path("status");
        System.out.printf(
                "%nfuzz: seed %d (-Dfuzz.seed=%d), %d requests over %d endpoints in %d s%n%s%n",
                seed, seed, requests, generator.endpoints().size(), took.toSeconds(), tally.table());
        System.out.printf(
                "connections closed by the server under a request (sent again on a new one): %d%n", client.retried);
        System.out.printf("health after the run: %s%n", health);
        assertCounted(fixture, "after the run");
        System.out.printf("every event accepted before the run is still counted: %s%n%n", fixture.known());
        assertEquals("UP", health, "/q/health after the run");
        assertEquals(
                0,
                tally.total(r -> r.serverErrors),
                "5xx answers (seed " + seed + "):\n" + String.join("\n", tally.serverErrorSamples));
        assertEquals(
                0,
                tally.total(r -> r.withoutField),
                "4xx that name no field (seed " + seed + "):\n" + String.join("\n", tally.withoutFieldSamples));
        assertEquals(
                0,
                tally.total(r -> r.wrongShape),
                "4xx not in the error shape (seed " + seed + "):\n" + String.join("\n", tally.wrongShapeSamples));
    }

    private static long seed() {
        String seed = System.getProperty("fuzz.seed");
        if (seed == null || seed.isBlank()) {
            return DEFAULT_SEED;
        }
        return seed.equals("random") ? System.nanoTime() : Long.parseLong(seed.strip());
    }

    /** Each known team's events, by /calls/stats (rollups) and by a report (summary), equal what was ingested. */
    private static void assertCounted(FuzzFixture f, String when) {
        for (Map.Entry<String, Integer> known : f.known().entrySet()) {
            List<Integer> counts = given().header("Authorization", FuzzFixture.basic(f.statsKey()))
                    .contentType(ContentType.JSON)
                    .body(Map.of(
                            "project_id", known.getKey(),
                            "start", f.window()[0].toString(),
                            "end", f.window()[1].toString(),
                            "granularity", 86_400,
                            "call_metrics", List.of(Map.of("metric", "call_count", "aggregations", List.of("sum")))))
                    .post("/calls/stats")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("call_buckets.sum_call_count");
            assertEquals(
                    known.getValue(),
                    counts.stream().mapToInt(Integer::intValue).sum(),
                    when + ": calls/stats");
            int reported = given().header("Authorization", "Bearer " + f.orgAdmin())
                    .contentType(ContentType.JSON)
                    .body(Map.of(
                            "report_type", "usage",
                            "team_id", known.getKey(),
                            "start", f.window()[0].toString(),
                            "end", f.window()[1].toString()))
                    .post("/v1/reports/generate")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("data.summary.total_requests");
            assertEquals(known.getValue(), reported, when + ": report summary of " + known.getKey());
        }
    }
}
