package dev.gatewayreports.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevTokensTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path keys;

    @Test
    void shouldIssueAReportServiceTokenWithoutOrganization() throws Exception {
        DevTokens.run(new String[] {"init", keys.toString()});
        String token = DevTokens.run(new String[] {
            "issue", "--keys", keys.toString(), "--role", "report_service", "--subject", "scheduler-service"
        });
        String[] parts = token.split("\\.");
        assertTrue(verifies(parts, publicKey(DevTokens.run(new String[] {"public-key", keys.toString()}))));
        JsonNode claims = decode(parts[1]);
        assertEquals("scheduler-service", claims.path("sub").asText());
        assertEquals("report_service", claims.path("roles").get(0).asText());
        assertFalse(claims.has("org_id"), "a report_service token acts for the organization named per request");
        assertFalse(claims.has("email"));
        assertEquals("report-api", claims.path("aud").asText(), "report-api requires its audience");
        assertEquals(
                "scheduler-service",
                claims.path("azp").asText(),
                "report-api accepts report_service only from scheduler-service by default");
    }

    @Test
    void shouldIssueATokenForTheAudiencesAndClientAskedFor() throws Exception {
        DevTokens.run(new String[] {"init", keys.toString()});
        JsonNode worker = decode(DevTokens.run(new String[] {
                    "issue",
                    "--keys",
                    keys.toString(),
                    "--org",
                    "org_demo",
                    "--role",
                    "ops",
                    "--email",
                    "op@demo.example",
                    "--audience",
                    "aggregation-worker",
                    "--client",
                    "ops-cli"
                })
                .split("\\.")[1]);
        assertEquals("aggregation-worker", worker.path("aud").asText());
        assertEquals("ops-cli", worker.path("azp").asText());
        JsonNode both = decode(DevTokens.run(new String[] {
                    "issue",
                    "--keys",
                    keys.toString(),
                    "--org",
                    "org_demo",
                    "--role",
                    "ops,org_admin",
                    "--email",
                    "op@demo.example",
                    "--audience",
                    "report-api,aggregation-worker"
                })
                .split("\\.")[1]);
        assertEquals(List.of("report-api", "aggregation-worker"), strings(both.path("aud")));
        assertFalse(both.has("azp"), "a user token names no client unless asked to");
    }

    @Test
    void shouldIssueATokenThatVerifiesWithThePrintedPublicKey() throws Exception {
        DevTokens.run(new String[] {"init", keys.toString()});
        String token = DevTokens.run(new String[] {
            "issue",
            "--keys",
            keys.toString(),
            "--org",
            "org_demo",
            "--team",
            "team_a,team_b",
            "--team",
            "team_c",
            "--role",
            "member",
            "--role",
            "team_admin",
            "--email",
            "ana@demo.example",
            "--ttl-hours",
            "2"
        });
        PublicKey publicKey = publicKey(DevTokens.run(new String[] {"public-key", keys.toString()}));

        String[] parts = token.split("\\.");
        assertEquals(3, parts.length);
        assertTrue(verifies(parts, publicKey), "RS256 signature must verify with the printed public key");
        JsonNode header = decode(parts[0]);
        assertEquals("RS256", header.path("alg").asText());
        assertEquals("JWT", header.path("typ").asText());
        assertEquals("local-dev", header.path("kid").asText());
        JsonNode claims = decode(parts[1]);
        assertEquals("gateway-reports-local", claims.path("iss").asText());
        assertEquals("ana@demo.example", claims.path("sub").asText());
        assertEquals("ana@demo.example", claims.path("email").asText());
        assertEquals("org_demo", claims.path("org_id").asText());
        assertEquals(List.of("team_a", "team_b", "team_c"), strings(claims.path("teams")));
        assertEquals(List.of("member", "team_admin"), strings(claims.path("roles")));
        assertEquals("report-api", claims.path("aud").asText());
        assertFalse(claims.has("azp"));
        assertEquals(2 * 3600, claims.path("exp").asLong() - claims.path("iat").asLong());
    }

    @Test
    void shouldNotVerifyATamperedToken() throws Exception {
        DevTokens.run(new String[] {"init", keys.toString()});
        String token = DevTokens.run(new String[] {
            "issue",
            "--keys",
            keys.toString(),
            "--org",
            "org_demo",
            "--role",
            "org_admin",
            "--email",
            "a@x.test",
            "--subject",
            "admin-1"
        });
        PublicKey publicKey = publicKey(DevTokens.run(new String[] {"public-key", keys.toString()}));
        String[] parts = token.split("\\.");
        String forged = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("org_demo", "org_other")
                        .getBytes(StandardCharsets.UTF_8));

        assertEquals("admin-1", decode(parts[1]).path("sub").asText());
        assertEquals(List.of(), strings(decode(parts[1]).path("teams")));
        assertFalse(verifies(new String[] {parts[0], forged, parts[2]}, publicKey));
    }

    @Test
    void shouldKeepAnExistingKeyPair() throws Exception {
        DevTokens.run(new String[] {"init", keys.toString()});
        String first = Files.readString(keys.resolve(DevKeys.PRIVATE_KEY_FILE));

        String answer = DevTokens.run(new String[] {"init", keys.toString()});

        assertTrue(answer.startsWith("keys exist"), answer);
        assertEquals(first, Files.readString(keys.resolve(DevKeys.PRIVATE_KEY_FILE)));
    }

    @Test
    void shouldRefuseATokenWithoutRoleOrEmail() throws Exception {
        DevTokens.run(new String[] {"init", keys.toString()});

        assertThrows(
                CliArgs.UsageException.class,
                () -> DevTokens.run(
                        new String[] {"issue", "--keys", keys.toString(), "--org", "o", "--email", "a@x.test"}));
        assertThrows(
                CliArgs.UsageException.class,
                () -> DevTokens.run(
                        new String[] {"issue", "--keys", keys.toString(), "--org", "o", "--role", "member"}));
    }

    @Test
    void shouldEscapeClaimValues() {
        assertEquals("\"a\\\"b\\\\c\\u000a\"", DevTokens.Claims.quote("a\"b\\c\n"));
    }

    private static PublicKey publicKey(String base64Der) throws Exception {
        byte[] der = Base64.getDecoder().decode(base64Der);
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    }

    private static boolean verifies(String[] parts, PublicKey key) throws Exception {
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initVerify(key);
        signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return signature.verify(Base64.getUrlDecoder().decode(parts[2]));
    }

    private static JsonNode decode(String part) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(part));
    }

    private static List<String> strings(JsonNode array) {
        assertTrue(array.isArray(), array.toString());
        return JSON.convertValue(array, JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }
}
