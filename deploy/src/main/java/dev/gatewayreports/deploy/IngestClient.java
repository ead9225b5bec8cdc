package dev.gatewayreports.deploy;

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
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Posts events to {@code /v1/usage/events} as NDJSON batches with a bounded number of requests in flight. A batch
 * that fails with a 5xx or an I/O error is sent again (ingest is idempotent, so a retry is never counted twice).
 */
final class IngestClient {

    private static final int ATTEMPTS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final URI endpoint;
    private final String key;
    private final Semaphore inFlight;
    private final int parallel;

    IngestClient(URI endpoint, String key, int parallel) {
        this.endpoint = endpoint;
        this.key = key;
        this.parallel = Math.max(1, parallel);
        this.inFlight = new Semaphore(this.parallel);
    }

    /** Sends every remaining event, stopping at the first batch that fails; returns once all are answered. */
    Totals send(Iterator<GeneratedEvent> events, int batchSize) throws InterruptedException {
        Totals totals = new Totals(System.nanoTime());
        while (events.hasNext()) {
            ByteArrayOutputStream body = new ByteArrayOutputStream(batchSize * 700);
            long count = UsageEventJson.writeNdjson(events, body, batchSize);
            inFlight.acquire();
            if (totals.failedBatches() > 0) {
                inFlight.release();
                break;
            }
            post(body.toByteArray(), 1).whenComplete((response, failure) -> {
                totals.record(count, response, failure);
                inFlight.release();
            });
        }
        inFlight.acquire(parallel);
        return totals;
    }

    private CompletableFuture<HttpResponse<String>> post(byte[] body, int attempt) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/x-ndjson")
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> {
                    boolean retry = failure != null || response.statusCode() >= 500;
                    if (retry && attempt < ATTEMPTS) {
                        Executor later = CompletableFuture.delayedExecutor(attempt, TimeUnit.SECONDS);
                        return CompletableFuture.runAsync(() -> {}, later)
                                .thenCompose(ignored -> post(body, attempt + 1));
                    }
                    return failure == null
                            ? CompletableFuture.completedFuture(response)
                            : CompletableFuture.<HttpResponse<String>>failedFuture(failure);
                })
                .thenCompose(next -> next);
    }

    /** What the server answered over all batches. */
    static final class Totals {
        private final long startNanos;
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong accepted = new AtomicLong();
        private final AtomicLong duplicates = new AtomicLong();
        private final AtomicLong rejected = new AtomicLong();
        private final AtomicLong failedBatches = new AtomicLong();

        Totals(long startNanos) {
            this.startNanos = startNanos;
        }

        void record(long count, HttpResponse<String> response, Throwable failure) {
            sent.addAndGet(count);
            if (failure != null || response.statusCode() != 200) {
                failedBatches.incrementAndGet();
                System.err.println(
                        failure != null
                                ? "batch failed: " + failure
                                : "batch failed: HTTP " + response.statusCode() + " " + response.body());
                return;
            }
            try {
                JsonNode answer = JSON.readTree(response.body());
                accepted.addAndGet(answer.path("accepted").asLong());
                duplicates.addAndGet(answer.path("duplicates").asLong());
                rejected.addAndGet(answer.path("rejected").size());
            } catch (IOException e) {
                failedBatches.incrementAndGet();
                System.err.println("unreadable answer: " + response.body());
            }
        }

        long failedBatches() {
            return failedBatches.get();
        }

        String summary() {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            return String.format(
                    "sent %,d events: accepted %,d, duplicates %,d, rejected %,d, failed batches %d"
                            + " in %.1f s (%,.0f events/s)",
                    sent.get(),
                    accepted.get(),
                    duplicates.get(),
                    rejected.get(),
                    failedBatches.get(),
                    seconds,
                    sent.get() / Math.max(seconds, 1e-3));
        }
    }
}
