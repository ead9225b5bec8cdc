package dev.gatewayreports.reportapi.ingest;

import static dev.gatewayreports.reportapi.support.Events.event;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConcurrentIngestTest {
    @Test
    void shouldStoreEachEventOnceWhenRetriesRace() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        String key = Tenants.serviceKey(org, "ingest");
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            events.add(event(team).build());
        }
        int clients = 6;
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<JsonPath>> answers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            List<Map<String, Object>> shuffled = new ArrayList<>(events);
            Collections.shuffle(shuffled);
            answers.add(CompletableFuture.supplyAsync(() -> {
                await(start);
                return given().header("x-api-key", key)
                        .contentType(ContentType.JSON)
                        .body(shuffled)
                        .post("/v1/usage/events")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
            }));
        }
        start.countDown();
        long accepted = 0;
        long duplicates = 0;
        for (CompletableFuture<JsonPath> answer : answers) {
            accepted += answer.join().getLong("accepted");
            duplicates += answer.join().getLong("duplicates");
        }
        assertEquals(2_000, accepted);
        assertEquals(2_000L * (clients - 1), duplicates);
        assertEquals(2_000, Db.count("select count(*) from usage_event where team_id = ?", team));
        assertEquals(2_000, Db.count("select count(distinct request_id) from usage_event where team_id = ?", team));
        assertEquals(
                2_000,
                Db.count(
                        // not a correlated join: on Citus ingest_batch and usage_event are on different nodes
                        "select coalesce(sum(event_count), 0) from ingest_batch"
                                + " where batch_id in (select ingest_batch_id from usage_event where team_id = ?)",
                        team));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
