package dev.gatewayreports.deploy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local webhook receiver for the demo schedule (and any rule or schedule pointed at it): answers every POST with
 * 204, keeps its raw body in {@code <state>/webhooks/<n>.json} and appends a line to {@code <state>/webhooks.log}
 * (time, path, the {@code X-Gateway-Signature} and {@code X-Gateway-Event-Id} headers, the body's file), so the
 * signature can be checked with the recipes of docs/webhooks.md. Listens on 127.0.0.1 only; the local profile allows
 * private webhook targets ({@code reports.webhooks.allow-private}).
 */
final class LocalWebhooks implements AutoCloseable {

    static final String HOST = "127.0.0.1";

    private final HttpServer server;
    private final AtomicInteger received = new AtomicInteger();

    private LocalWebhooks(HttpServer server) {
        this.server = server;
    }

    static LocalWebhooks start(int port, Path state) throws IOException {
        Path bodies = Files.createDirectories(state.resolve("webhooks"));
        HttpServer server = HttpServer.create(new InetSocketAddress(HOST, port), 0);
        LocalWebhooks hooks = new LocalWebhooks(server);
        server.createContext("/", exchange -> hooks.receive(exchange, state.resolve("webhooks.log"), bodies));
        server.start();
        return hooks;
    }

    private void receive(HttpExchange exchange, Path log, Path bodies) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Path file = bodies.resolve(System.currentTimeMillis() + "-" + received.incrementAndGet() + ".json");
            Files.write(file, body);
            String line = Instant.now() + " POST " + exchange.getRequestURI().getPath()
                    + " X-Gateway-Signature: " + exchange.getRequestHeaders().getFirst("X-Gateway-Signature")
                    + " X-Gateway-Event-Id: " + exchange.getRequestHeaders().getFirst("X-Gateway-Event-Id")
                    + " body: " + file + "\n";
            synchronized (this) {
                Files.writeString(
                        log, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            exchange.sendResponseHeaders(204, -1);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
