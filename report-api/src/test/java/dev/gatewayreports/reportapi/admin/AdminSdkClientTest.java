package dev.gatewayreports.reportapi.admin;

import static dev.gatewayreports.reportapi.support.Events.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewayreports.reportapi.support.Ingest;
import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.testing.Db;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The admin API driven by a real client: the official Anthropic TypeScript SDK ({@code @anthropic-ai/sdk}, the
 * version pinned in {@code src/test/node/admin-sdk/package-lock.json}), run by node against this running
 * report-api. It sends the admin key as it sends any API key ({@code Authorization: Bearer}) and reads every page
 * with its own cursor pagination; the totals must equal plain SQL over the seeded events. Skipped, with the reason,
 * where node or npm is not on the PATH; the SDK is installed once into {@code target/admin-sdk}.
 */
@QuarkusTest
class AdminSdkClientTest {
    static final Path SOURCE = Path.of("src/test/node/admin-sdk");
    static final Path WORK = Path.of("target/admin-sdk");
    static final String STARTING_AT = "2025-06-10T00:00:00Z";
    static final String ENDING_AT = "2025-06-12T00:00:00Z";

    @TestHTTPResource("/")
    URL base;

    @Test
    void shouldReadEveryPageWithTheOfficialTypeScriptSdkSendingBearer() throws Exception {
        assumeTrue(
                onPath("node") && onPath("npm"),
                "node and npm are not on the PATH: the Anthropic TypeScript SDK check of the admin API is skipped");
        installSdk();
        String org = Tenants.newOrg();
        String main = Tenants.newTeam();
        String other = Tenants.newTeam();
        Ingest.andFold(Tenants.serviceKey(org, "ingest"), events(main, other));
        Ingest.makeDefault(org, main);

        JsonNode read = runSdk(Tenants.serviceKey(org, "admin"));

        assertEquals(sdkVersion(), read.get("sdk_version").asText());
        assertEquals("[\"bearer-admin-key\"]", read.get("credentials").toString(), "the SDK sent only Bearer");
        JsonNode usage = read.get("usage");
        assertEquals(10, usage.get("pages").asInt(), "48 hourly buckets, 5 a page");
        List<String> starts = new ArrayList<>();
        usage.get("buckets").forEach(b -> starts.add(b.asText()));
        assertEquals(48, starts.size());
        assertEquals(48, starts.stream().distinct().count());
        assertEquals(STARTING_AT, starts.get(0));
        Map<String, Object> sql = Db.one("""
                select sum(input_tokens) as input, sum(cache_read_input_tokens) as cache_read,
                       sum(cache_creation_5m_input_tokens) as cache_5m, sum(output_tokens) as output,
                       sum(web_search_requests) as web_search
                  from usage_event where org_id = ? and occurred_at >= ? and occurred_at < ?""", org, at(STARTING_AT), at(ENDING_AT));
        assertEquals(
                ((Number) sql.get("input")).longValue(),
                usage.get("uncached_input_tokens").asLong());
        assertEquals(
                ((Number) sql.get("cache_read")).longValue(),
                usage.get("cache_read_input_tokens").asLong());
        assertEquals(
                ((Number) sql.get("cache_5m")).longValue(),
                usage.get("ephemeral_5m_input_tokens").asLong());
        assertEquals(
                ((Number) sql.get("output")).longValue(),
                usage.get("output_tokens").asLong());
        assertEquals(
                ((Number) sql.get("web_search")).longValue(),
                usage.get("web_search_requests").asLong());

        JsonNode cost = read.get("cost");
        assertEquals(2, cost.get("pages").asInt(), "two days, one a page");
        BigDecimal cents = BigDecimal.ZERO;
        for (JsonNode amount : cost.get("amounts")) {
            cents = cents.add(new BigDecimal(amount.asText()));
        }
        BigDecimal usd =
                (BigDecimal) Db.one("""
                        select sum(cost_usd) as usd from usage_event
                         where org_id = ? and occurred_at >= ? and occurred_at < ? and service_tier <> 'priority'""", org, at(STARTING_AT), at(ENDING_AT)).get("usd");
        assertTrue(usd.signum() > 0);
        assertEquals(0, usd.movePointRight(2).compareTo(cents), "cents " + cents + " against $" + usd);
    }

    /** Events over the two days, in two workspaces and three models, with one on each side just outside. */
    static List<Map<String, Object>> events(String main, String other) {
        List<Map<String, Object>> events = new ArrayList<>();
        Instant t = Instant.parse(STARTING_AT);
        String[] models = {"claude-sonnet-4-5", "claude-haiku-4-5", "claude-opus-4-1"};
        for (int i = 0; i < 60; i++) {
            events.add(event(i % 3 == 0 ? other : main)
                    .with("occurred_at", t.plusSeconds(i * 47L * 60).toString())
                    .with("model", models[i % 3])
                    .with("input_tokens", 1000 + i)
                    .with("output_tokens", 100 + 7 * i)
                    .with("cache_read_input_tokens", 10 * i)
                    .with("cache_creation_5m_input_tokens", i % 4)
                    .with("web_search_requests", i % 5 == 0 ? 2 : 0)
                    .with("service_tier", i % 11 == 0 ? "priority" : "standard")
                    .build());
        }
        events.add(event(main).with("occurred_at", "2025-06-09T23:59:59Z").build());
        events.add(event(other).with("occurred_at", ENDING_AT).build());
        return events;
    }

    private JsonNode runSdk(String adminKey) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("node", "read-reports.mjs").directory(WORK.toFile());
        String url = base.toString();
        pb.environment().put("BASE_URL", url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        pb.environment().put("ADMIN_KEY", adminKey);
        pb.environment().put("STARTING_AT", STARTING_AT);
        pb.environment().put("ENDING_AT", ENDING_AT);
        pb.environment().remove("ANTHROPIC_API_KEY");
        pb.environment().remove("ANTHROPIC_AUTH_TOKEN");
        pb.environment().remove("ANTHROPIC_BASE_URL");
        File stderr = WORK.resolve("read-reports.stderr").toFile();
        pb.redirectError(stderr);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "node did not finish");
        assertEquals(0, p.exitValue(), "node failed: " + Files.readString(stderr.toPath()) + out);
        return new ObjectMapper().readTree(out);
    }

    /** Installs the pinned SDK into target/admin-sdk, unless the same lock file is installed there already. */
    static void installSdk() throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        for (String file : List.of("package.json", "package-lock.json", "read-reports.mjs")) {
            Files.copy(SOURCE.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Path stamp = WORK.resolve(".installed-lock");
        String lock = Files.readString(WORK.resolve("package-lock.json"));
        if (Files.exists(WORK.resolve("node_modules/@anthropic-ai/sdk/package.json"))
                && Files.exists(stamp)
                && Files.readString(stamp).equals(lock)) {
            return;
        }
        Process p = new ProcessBuilder(
                        "npm",
                        "ci",
                        "--no-audit",
                        "--no-fund",
                        "--prefix",
                        WORK.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(WORK.resolve("npm-ci.log").toFile())
                .start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "npm ci did not finish");
        assertEquals(0, p.exitValue(), "npm ci failed: " + Files.readString(WORK.resolve("npm-ci.log")));
        Files.writeString(stamp, lock);
    }

    static String sdkVersion() throws IOException {
        return new ObjectMapper()
                .readTree(SOURCE.resolve("package.json").toFile())
                .get("dependencies")
                .get("@anthropic-ai/sdk")
                .asText();
    }

    static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    static OffsetDateTime at(String instant) {
        return Instant.parse(instant).atOffset(ZoneOffset.UTC);
    }
}
