package dev.gatewayreports.scheduling.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A real webhook receiver (the JDK's HTTP server on a free port) written as a receiver should be, independently of
 * the code under test: it recomputes the HMAC-SHA256 of {@code "<t>.<raw body>"} with the secret it was given,
 * compares in constant time, rejects {@code |now − t| > 300 s} (401), and counts accepted deliveries by event id
 * (a repeated event id is answered 200 and not counted again). Each path answers from its script of statuses (then
 * 200); a status of 0 means "hang for the given delay, then 200".
 */
public final class WebhookReceiver implements AutoCloseable {
    /** One request as received. */
    public record Received(
            String path,
            String eventId,
            String signature,
            String contentType,
            byte[] body,
            boolean verified,
            int answered) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, Deque<Integer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Integer> accepted = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Duration hang = Duration.ofSeconds(5);

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** The URL of {@code path} (starting with /) on this receiver. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The secret requests to {@code path} must be signed with. */
    public WebhookReceiver secret(String path, String secret) {
        secrets.put(path, secret);
        return this;
    }

    /** The statuses {@code path} answers, in order; 200 after them. */
    public WebhookReceiver answer(String path, Integer... statuses) {
        scripts.put(path, new ArrayDeque<>(List.of(statuses)));
        return this;
    }

    /** How long a scripted 0 hangs before answering. */
    public WebhookReceiver hang(Duration duration) {
        hang = duration;
        return this;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> received(String path) {
        List<Received> on = new ArrayList<>();
        for (Received r : received) {
            if (r.path().equals(path)) {
                on.add(r);
            }
        }
        return on;
    }

    /** Deliveries accepted (verified, 2xx) per event id; a receiver deduping by event id counts each once. */
    public Map<String, Integer> acceptedByEventId() {
        return Map.copyOf(accepted);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String eventId = exchange.getRequestHeaders().getFirst("X-Gateway-Event-Id");
        String signature = exchange.getRequestHeaders().getFirst("X-Gateway-Signature");
        boolean verified = verify(secrets.get(path), signature, body, Instant.now());
        Deque<Integer> script = scripts.get(path);
        Integer next = script == null ? null : script.poll();
        int status = !verified ? 401 : next == null ? 200 : next;
        if (status == 0) {
            try {
                Thread.sleep(hang);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            status = 200;
        }
        received.add(new Received(
                path,
                eventId,
                signature,
                exchange.getRequestHeaders().getFirst("Content-Type"),
                body,
                verified,
                status));
        if (status >= 200 && status < 300 && eventId != null) {
            accepted.merge(eventId, 1, Integer::sum);
        }
        if (status >= 300 && status < 400) {
            exchange.getResponseHeaders().add("Location", url("/redirected"));
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    /** What a receiver does with the header: parse, check the timestamp, recompute, compare in constant time. */
    public static boolean verify(String secret, String header, byte[] body, Instant now) {
        if (secret == null || header == null) {
            return false;
        }
        String t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            String[] kv = part.split("=", 2);
            if (kv.length == 2 && kv[0].equals("t")) {
                t = kv[1];
            } else if (kv.length == 2 && kv[0].equals("v1")) {
                v1 = kv[1];
            }
        }
        if (t == null || v1 == null || !t.matches("\\d{1,12}")) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - Long.parseLong(t)) > 300) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = HexFormat.of().formatHex(mac.doFinal(body)).getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(expected, v1.getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
