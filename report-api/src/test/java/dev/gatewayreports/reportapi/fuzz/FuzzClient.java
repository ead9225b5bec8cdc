package dev.gatewayreports.reportapi.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Sends fuzz requests over real HTTP: java.net.http, or a plain socket for request lines it would refuse. */
final class FuzzClient {
    /** What came back; status 0 when the connection failed. */
    record Answer(int status, String contentType, String body) {}

    private final String host;
    private final int port;
    private final HttpClient http;

    FuzzClient(String host, int port) {
        this.host = host;
        this.port = port;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** Connections the server closed under a request, each answered on a fresh one. */
    int retried;

    /**
     * The answer; a request whose pooled connection the server had already closed (after refusing an oversized
     * body, say) is sent once more, and only a second failure is answered as status 0.
     */
    Answer send(FuzzRequest request) {
        try {
            try {
                return sendOnce(request);
            } catch (IOException e) {
                retried++;
                return sendOnce(request);
            }
        } catch (IOException e) {
            return new Answer(0, null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Answer sendOnce(FuzzRequest request) throws IOException, InterruptedException {
        return request.raw() || !validUri(request.target()) ? sendRaw(request) : sendHttp(request);
    }

    private static boolean validUri(String target) {
        try {
            URI.create(target);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Answer sendHttp(FuzzRequest request) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher body = request.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body());
        HttpRequest.Builder builder = HttpRequest.newBuilder(
                        URI.create("http://" + host + ":" + port + request.target()))
                .timeout(Duration.ofSeconds(120))
                .method(request.method(), body);
        request.headers().forEach(builder::header);
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(
                response.statusCode(),
                response.headers().firstValue("content-type").orElse(null),
                response.body());
    }

    /** HTTP/1.1 written by hand, {@code Connection: close}, the status line and body read back. */
    private Answer sendRaw(FuzzRequest request) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(120_000);
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            StringBuilder lines = new StringBuilder()
                    .append(request.method())
                    .append(' ')
                    .append(request.target())
                    .append(" HTTP/1.1\r\nHost: ")
                    .append(host)
                    .append("\r\nConnection: close\r\n");
            request.headers()
                    .forEach((k, v) -> lines.append(k).append(": ").append(v).append("\r\n"));
            byte[] body = request.body() == null ? new byte[0] : request.body();
            lines.append("Content-Length: ").append(body.length).append("\r\n\r\n");
            head.write(lines.toString().getBytes(StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            out.write(head.toByteArray());
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int space = answer.indexOf(' ');
            if (!answer.startsWith("HTTP/") || space < 0 || answer.length() < space + 4) {
                return new Answer(0, null, answer);
            }
            int status = Integer.parseInt(answer.substring(space + 1, space + 4));
            int bodyStart = answer.indexOf("\r\n\r\n");
            String headers = bodyStart < 0 ? answer : answer.substring(0, bodyStart);
            String contentType = null;
            for (String line : headers.split("\r\n")) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:")) {
                    contentType = line.substring(13).strip();
                }
            }
            return new Answer(status, contentType, bodyStart < 0 ? "" : answer.substring(bodyStart + 4));
        }
    }
}
