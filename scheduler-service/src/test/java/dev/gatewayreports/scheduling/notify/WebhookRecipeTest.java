package dev.gatewayreports.scheduling.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gatewayreports.model.secrets.SecretBox;
import dev.gatewayreports.scheduling.support.AlertSeeds;
import dev.gatewayreports.scheduling.support.Seeds;
import dev.gatewayreports.scheduling.support.WebhookReceiver;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The verification recipes of docs/webhooks.md, run as the page prints them (its ```python and ```sh blocks) on a
 * request the sender really made: both accept it, and both reject it with a changed body or signed 10 minutes ago.
 */
@QuarkusTest
class WebhookRecipeTest {
    static final Path DOC = Path.of("../docs/webhooks.md");
    static final Instant END = Instant.parse("2026-12-02T19:05:00Z");

    @Inject
    NotificationSender sender;

    @BeforeEach
    void setUp() {
        AlertSeeds.clear();
    }

    @Test
    void shouldAcceptTheRealSignatureAndRejectAChangedBodyOrAnOldTimestamp() throws Exception {
        boolean python = available("python3", "--version");
        boolean openssl = available("openssl", "version");
        assumeTrue(
                python || openssl,
                "python3 and openssl are both absent: the recipes of docs/webhooks.md cannot be run here");
        String secret = SecretBox.newSecret("whsec_");
        WebhookReceiver.Received fresh;
        WebhookReceiver.Received old;
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.secret("/hook", secret);
            String[] team = Seeds.team("Recipe");
            String alert = AlertSeeds.rule(
                    AlertSeeds.Rule.cost(team, "Recipe cost", "100").webhook(receiver.url("/hook"), secret));
            Instant now = Instant.now();
            AlertSeeds.notification(event(alert, "e1"), "webhook", receiver.url("/hook"), now.minusSeconds(3600));
            // Sent as if ten minutes ago: a genuine signature with an old timestamp (the receiver refuses it).
            sender.dispatchDue(now.minus(Duration.ofMinutes(10)));
            AlertSeeds.notification(event(alert, "e2"), "webhook", receiver.url("/hook"), now);
            sender.dispatchDue(now);
            List<WebhookReceiver.Received> got = receiver.received("/hook");
            assertEquals(2, got.size());
            old = got.get(0);
            fresh = got.get(1);
            assertFalse(old.verified());
            assertTrue(fresh.verified());
        }
        String doc = Files.readString(DOC);
        Path dir = Files.createTempDirectory("webhook-recipe");
        byte[] changed =
                fresh.text().replace("\"value\":\"150\"", "\"value\":\"950\"").getBytes(StandardCharsets.UTF_8);
        assertFalse(new String(changed, StandardCharsets.UTF_8).equals(fresh.text()), "the body was changed");
        if (python) {
            Path script = dir.resolve("verify_webhook.py");
            Files.writeString(script, block(doc, "python"));
            assertEquals(0, runPython(script, secret, fresh.signature(), fresh.body(), dir), "python: genuine");
            assertEquals(1, runPython(script, secret, fresh.signature(), changed, dir), "python: changed body");
            assertEquals(1, runPython(script, secret, old.signature(), old.body(), dir), "python: old timestamp");
            assertEquals(
                    1, runPython(script, "whsec_other", fresh.signature(), fresh.body(), dir), "python: other key");
        }
        if (openssl) {
            String sh = block(doc, "sh");
            assertTrue(sh.contains("openssl dgst -sha256 -hmac"), sh);
            assertEquals(0, runShell(sh, secret, fresh.signature(), fresh.body(), dir), "openssl: genuine");
            assertEquals(1, runShell(sh, secret, fresh.signature(), changed, dir), "openssl: changed body");
            assertEquals(1, runShell(sh, secret, old.signature(), old.body(), dir), "openssl: old timestamp");
        }
    }

    private static String event(String alert, String episode) {
        return AlertSeeds.event(alert, "fired", episode, "150", "100", null, END.minusSeconds(86_400), END, END);
    }

    /** The first fenced block of that language on the page. */
    static String block(String doc, String language) {
        Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL)
                .matcher(doc);
        assertTrue(m.find(), "docs/webhooks.md has a ```" + language + " block");
        return m.group(1);
    }

    private static int runPython(Path script, String secret, String header, byte[] body, Path dir) throws Exception {
        Path file = dir.resolve("body.json");
        Files.write(file, body);
        return run(
                List.of("python3", script.toString(), header, file.toString()), Map.of("WEBHOOK_SECRET", secret), dir);
    }

    private static int runShell(String sh, String secret, String header, byte[] body, Path dir) throws Exception {
        Files.write(dir.resolve("body.json"), body);
        return run(List.of("bash", "-c", sh), Map.of("WEBHOOK_SECRET", secret, "SIG", header), dir);
    }

    private static int run(List<String> command, Map<String, String> env, Path dir) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "finished");
        String verdict = out.strip();
        assertTrue(verdict.endsWith("valid") || verdict.endsWith("INVALID"), command.get(0) + " said: " + out);
        return p.exitValue();
    }

    private static boolean available(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
