package dev.gatewayreports.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gatewayreports.model.fixtures.GeneratedEvent;
import dev.gatewayreports.model.fixtures.UsageEventGenerator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IngestClientTest {

    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger maxBatch = new AtomicInteger();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void shouldSendEveryEventOnceInNdjsonBatches() throws Exception {
        URI endpoint = start(0);

        IngestClient.Totals totals = new IngestClient(endpoint, "sk-svc-test", 3).send(events(12_345), 5_000);

        assertEquals(0, totals.failedBatches());
        assertEquals(12_345, seen.size());
        assertEquals(3, requests.get());
        assertEquals(5_000, maxBatch.get());
        assertTrue(contentTypes.stream().allMatch("application/x-ndjson"::equals), contentTypes.toString());
        assertTrue(totals.summary().startsWith("sent 12,345 events: accepted 12,345, duplicates 0"), totals.summary());
    }

    @Test
    void shouldRetryABatchTheServerFailedAndCountTheRetryAsDuplicates() throws Exception {
        URI endpoint = start(1);

        // One request in flight, so the batch that fails is always the first one (500 events).
        IngestClient.Totals totals = new IngestClient(endpoint, "sk-svc-test", 1).send(events(800), 500);

        assertEquals(0, totals.failedBatches());
        assertEquals(800, seen.size());
        assertTrue(totals.summary().contains("accepted 300, duplicates 500"), totals.summary());
    }

    @Test
    void shouldStopAtTheFirstRefusedBatch() throws Exception {
        URI endpoint = start(0);

        IngestClient.Totals totals = new IngestClient(endpoint, "wrong", 1).send(events(3_000), 500);

        assertEquals(1, totals.failedBatches());
        assertEquals(1, requests.get());
    }

    private static Iterator<GeneratedEvent> events(long count) {
        return UsageEventGenerator.builder()
                .seed(11)
                .events(count)
                .window(Instant.parse("2025-01-06T00:00:00Z"), Instant.parse("2025-01-08T00:00:00Z"))
                .teams(List.of("team_a", "team_b"))
                .build()
                .iterator();
    }

    /** A fake ingest endpoint: 401 for a wrong key, then {@code failures} times 503 after storing, then 200. */
    private URI start(int failures) throws IOException {
        AtomicInteger toFail = new AtomicInteger(failures);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/v1/usage/events", exchange -> answer(exchange, toFail));
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/usage/events");
    }

    private void answer(HttpExchange exchange, AtomicInteger toFail) throws IOException {
        requests.incrementAndGet();
        if (!"Bearer sk-svc-test".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            reply(exchange, 401, "{\"error\":{\"code\":\"unauthorized\",\"message\":\"bad key\"}}");
            return;
        }
        contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
        String[] lines = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("\n");
        maxBatch.accumulateAndGet(lines.length, Math::max);
        int accepted = 0;
        for (String line : lines) {
            String id = line.substring(line.indexOf(":\"") + 2, line.indexOf("\","));
            accepted += seen.add(id) ? 1 : 0;
        }
        if (toFail.getAndDecrement() > 0) {
            reply(exchange, 503, "busy");
            return;
        }
        String body =
                "{\"accepted\":" + accepted + ",\"duplicates\":" + (lines.length - accepted) + ",\"rejected\":[]}";
        reply(exchange, 200, body);
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
