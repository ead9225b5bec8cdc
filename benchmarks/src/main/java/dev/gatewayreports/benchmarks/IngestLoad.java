package dev.gatewayreports.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewayreports.model.fixtures.GeneratedEvent;
import dev.gatewayreports.model.fixtures.UsageEventJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Streams events to {@code POST /v1/usage/events} as NDJSON batches with a fixed number of requests in flight, the
 * way a gateway would, as fast as the server answers or paced to a given rate. A batch answered with a 5xx or an I/O error is sent again (ingest is idempotent); any other
 * failure stops the load. Counts what the server answered.
 */
final class IngestLoad {

    private static final int ATTEMPTS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    final AtomicLong posted = new AtomicLong();
    final AtomicLong answered = new AtomicLong();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong failedBatches = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong bodyBytes = new AtomicLong();
    final AtomicLong batches = new AtomicLong();
    private volatile long startNanos;
    private volatile long endNanos;

    private final HttpClient http;
    private final URI endpoint;
    private final String key;
    private final int parallel;
    private final double eventsPerSecond;

    /** @param eventsPerSecond the pace: a batch is not sent before its share of the time has passed; 0 for none */
    IngestLoad(HttpClient http, URI api, String key, int parallel, double eventsPerSecond) {
        this.http = http;
        this.endpoint = api.resolve("/v1/usage/events");
        this.key = key;
        this.parallel = parallel;
        this.eventsPerSecond = eventsPerSecond;
    }

    /** Sends every event; returns when all batches are answered (or the first one failed for good). */
    void send(Iterator<GeneratedEvent> events, int batchSize) throws InterruptedException {
        Semaphore inFlight = new Semaphore(parallel);
        startNanos = System.nanoTime();
        while (events.hasNext() && failedBatches.get() == 0) {
            ByteArrayOutputStream body = new ByteArrayOutputStream(batchSize * 800);
            long count = UsageEventJson.writeNdjson(events, body, batchSize);
            byte[] bytes = body.toByteArray();
            pace();
            inFlight.acquire();
            posted.addAndGet(count);
            bodyBytes.addAndGet(bytes.length);
            batches.incrementAndGet();
            post(bytes, 1).whenComplete((response, failure) -> {
                record(count, response, failure);
                inFlight.release();
            });
        }
        inFlight.acquire(parallel);
        endNanos = System.nanoTime();
    }

    /** Waits until the events posted so far are due at the pace, if there is one. */
    private void pace() throws InterruptedException {
        if (eventsPerSecond > 0) {
            long due = startNanos + (long) (posted.get() / eventsPerSecond * 1e9);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
    }

    double seconds() {
        return ((endNanos == 0 ? System.nanoTime() : endNanos) - startNanos) / 1e9;
    }

    double eventsPerSecond() {
        return answered.get() / seconds();
    }

    private CompletableFuture<HttpResponse<String>> post(byte[] body, int attempt) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/x-ndjson")
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> {
                    boolean retry = failure != null || response.statusCode() >= 500;
                    if (retry && attempt < ATTEMPTS) {
                        retries.incrementAndGet();
                        var later = CompletableFuture.delayedExecutor(attempt, TimeUnit.SECONDS);
                        return CompletableFuture.runAsync(() -> {}, later).thenCompose(x -> post(body, attempt + 1));
                    }
                    return failure == null
                            ? CompletableFuture.completedFuture(response)
                            : CompletableFuture.<HttpResponse<String>>failedFuture(failure);
                })
                .thenCompose(next -> next);
    }

    private void record(long count, HttpResponse<String> response, Throwable failure) {
        answered.addAndGet(count);
        if (failure != null || response.statusCode() != 200) {
            failedBatches.incrementAndGet();
            System.err.println(
                    failure != null
                            ? "batch failed: " + failure
                            : "batch failed: HTTP " + response.statusCode() + " " + abbreviate(response.body()));
            return;
        }
        try {
            JsonNode answer = JSON.readTree(response.body());
            accepted.addAndGet(answer.path("accepted").asLong());
            duplicates.addAndGet(answer.path("duplicates").asLong());
            rejected.addAndGet(answer.path("rejected").size());
            if (answer.path("rejected").size() > 0
                    && rejected.get() == answer.path("rejected").size()) {
                System.err.println("first rejected events: "
                        + abbreviate(answer.path("rejected").toString()));
            }
        } catch (IOException e) {
            failedBatches.incrementAndGet();
            System.err.println("unreadable answer: " + abbreviate(response.body()));
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 600 ? s.substring(0, 600) + "…" : s;
    }
}
