package dev.gatewayreports.deploy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Local signed tokens for report-api, JDK only.
 *
 * <pre>
 * DevTokens init &lt;dir&gt;
 * DevTokens issue --keys &lt;dir&gt; --org O [--team T]... --role R... --email E [--subject S] [--ttl-hours 12]
 *                  [--audience A]... [--client C]
 * DevTokens public-key &lt;dir&gt;
 * </pre>
 */
public final class DevTokens {

    static final String ISSUER = "gateway-reports-local";
    static final String KEY_ID = "local-dev";
    /** The role of a service that acts for the organization it names per request (scheduler-service). */
    static final String REPORT_SERVICE = "report_service";
    /** The audience report-api requires by default (its client id); aggregation-worker's is aggregation-worker. */
    static final String DEFAULT_AUDIENCE = "report-api";
    /** The client report-api accepts role report_service from by default (reports.auth.report-service-clients). */
    static final String SCHEDULER_CLIENT = "scheduler-service";

    private static final String USAGE = """
            usage: DevTokens init <dir>
                   DevTokens issue --keys <dir> --org <org_id> [--team <team_id>]... --role <role>...
                                   --email <email> [--subject <sub>] [--ttl-hours 12]
                                   [--audience report-api]... [--client <azp>]
                   DevTokens public-key <dir>
            Roles: member, team_admin, org_admin, ingest, ops (aggregation-worker: --audience aggregation-worker);
            report_service alone (scheduler-service) needs no --org or --email and gets --client scheduler-service.
            --team, --role and --audience repeat or take comma-separated lists.""";

    private DevTokens() {}

    public static void main(String[] args) throws Exception {
        try {
            System.out.println(run(args));
        } catch (CliArgs.UsageException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        } catch (java.io.IOException | GeneralSecurityException e) {
            System.err.println("DevTokens: " + e.getMessage());
            System.exit(1);
        }
    }

    static String run(String[] args) throws Exception {
        CliArgs cli = CliArgs.parse(args, Set.of());
        List<String> words = cli.positional();
        String command = words.isEmpty() ? "" : words.get(0);
        return switch (command) {
            case "init" ->
                DevKeys.init(dir(words)) ? "created a key pair in " + dir(words) : "keys exist in " + dir(words);
            case "public-key" -> DevKeys.publicKeyBase64(dir(words));
            case "issue" -> issue(cli, Instant.now());
            default -> throw new CliArgs.UsageException("unknown command '" + command + "'");
        };
    }

    private static Path dir(List<String> words) {
        if (words.size() != 2) {
            throw new CliArgs.UsageException("expected one directory");
        }
        return Path.of(words.get(1));
    }

    static String issue(CliArgs cli, Instant now) throws Exception {
        List<String> roles = cli.list("role");
        if (roles.isEmpty()) {
            throw new CliArgs.UsageException("--role is required");
        }
        // A report_service token (scheduler-service) names no organization: it acts for the one in
        // X-Acting-Organization.
        boolean service = roles.equals(List.of(REPORT_SERVICE));
        String email = service ? cli.value("email", null) : cli.required("email");
        List<String> audience = cli.list("audience");
        Claims claims = new Claims(
                cli.value("subject", email == null ? "report-service" : email),
                email,
                service ? cli.value("org", null) : cli.required("org"),
                cli.list("team"),
                roles,
                audience.isEmpty() ? List.of(DEFAULT_AUDIENCE) : audience,
                cli.value("client", service ? SCHEDULER_CLIENT : null),
                now,
                now.plus(Duration.ofHours(cli.number("ttl-hours", 12))));
        return sign(claims, DevKeys.privateKey(Path.of(cli.required("keys"))));
    }

    /** A compact RS256 JWS of the claims. */
    static String sign(Claims claims, PrivateKey key) throws GeneralSecurityException {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + KEY_ID + "\"}";
        String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(claims.toJson().getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + base64Url(signature.sign());
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The claims the services read: subject, e-mail, organization, teams, roles, the audience ({@code aud}, one
     * string or an array) and the client ({@code azp}, only when there is one).
     */
    record Claims(
            String subject,
            String email,
            String orgId,
            List<String> teams,
            List<String> roles,
            List<String> audience,
            String client,
            Instant issuedAt,
            Instant expiresAt) {

        String toJson() {
            return "{\"iss\":" + quote(ISSUER)
                    + ",\"sub\":" + quote(subject)
                    + ",\"aud\":" + (audience.size() == 1 ? quote(audience.get(0)) : array(audience))
                    + (client == null ? "" : ",\"azp\":" + quote(client))
                    + (email == null ? "" : ",\"email\":" + quote(email))
                    + (orgId == null ? "" : ",\"org_id\":" + quote(orgId))
                    + ",\"teams\":" + array(teams)
                    + ",\"roles\":" + array(roles)
                    + ",\"iat\":" + issuedAt.getEpochSecond()
                    + ",\"exp\":" + expiresAt.getEpochSecond()
                    + "}";
        }

        private static String array(List<String> values) {
            return values.stream().map(Claims::quote).collect(Collectors.joining(",", "[", "]"));
        }

        static String quote(String value) {
            StringBuilder out = new StringBuilder(value.length() + 2).append('"');
            for (char c : value.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.append('"').toString();
        }
    }
}
