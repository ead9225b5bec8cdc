package dev.gatewayreports.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalWebhooksTest {

    @Test
    void shouldAnswer204AndKeepTheRawBodyAndTheSignatureHeader(@TempDir Path state) throws Exception {
        byte[] body = "{\"type\":\"scheduled_report\",\"team_id\":\"team_platform\",\"note\":\"é\"}"
                .getBytes(StandardCharsets.UTF_8);
        try (LocalWebhooks hooks = LocalWebhooks.start(freePort(), state)) {
            HttpResponse<Void> answer = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(
                                            "http://" + LocalWebhooks.HOST + ":" + hooks.port() + "/hooks/a"))
                                    .header("X-Gateway-Signature", "t=1796238300,v1=abc")
                                    .header("X-Gateway-Event-Id", "evt_1")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            assertEquals(204, answer.statusCode());
        }
        List<String> log = Files.readAllLines(state.resolve("webhooks.log"));
        assertEquals(1, log.size(), log.toString());
        String line = log.get(0);
        assertTrue(
                line.contains(
                        " POST /hooks/a X-Gateway-Signature: t=1796238300,v1=abc X-Gateway-Event-Id: evt_1 body: "),
                line);
        Path saved = Path.of(line.substring(line.indexOf(" body: ") + 7));
        assertArrayEquals(body, Files.readAllBytes(saved), "the raw bytes, as signed");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
