package dev.gatewayreports.scheduling.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewayreports.scheduling.due.SchedulerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The bearer token this service shows report-api: the static {@code reports.scheduler.report-api.token}, or one
 * obtained with the OIDC client-credentials grant and kept until shortly before it expires.
 */
@ApplicationScoped
public class ServiceToken {
    /** A token is renewed this long before its expiry, so it does not expire in flight. */
    static final Duration EARLY = Duration.ofSeconds(30);

    private final SchedulerConfig.ReportApi config;
    private final ObjectMapper json;
    private final HttpClient http;
    private final Clock clock;
    private String token;
    private Instant renewAt = Instant.MIN;

    public ServiceToken(SchedulerConfig config, ObjectMapper json, Clock clock) {
        this.config = config.reportApi();
        this.json = json;
        this.clock = clock;
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** The current token, fetching a new one when there is none or it is about to expire. */
    public synchronized String current() {
        if (config.token().filter(t -> !t.isBlank()).isPresent()) {
            return config.token().get().strip();
        }
        if (token == null || !clock.instant().isBefore(renewAt)) {
            fetch();
        }
        return token;
    }

    /** Forgets a token report-api refused, so the next call fetches a new one. */
    public synchronized void invalidate() {
        token = null;
    }

    /** True when a refused token can be replaced (client credentials, not a static token). */
    public boolean renewable() {
        return config.token().filter(t -> !t.isBlank()).isEmpty();
    }

    private void fetch() {
        String url = config.tokenUrl()
                .orElseThrow(() -> new DeliveryFailure(
                        "neither reports.scheduler.report-api.token nor .token-url is configured", false));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        config.clientId().ifPresent(v -> form.put("client_id", v));
        config.clientSecret().ifPresent(v -> form.put("client_secret", v));
        config.scope().ifPresent(v -> form.put("scope", v));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(config.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new DeliveryFailure("token endpoint answered " + response.statusCode(), false);
            }
            JsonNode body = json.readTree(response.body());
            token = body.path("access_token").asText(null);
            if (token == null || token.isBlank()) {
                throw new DeliveryFailure("token endpoint answered no access_token", false);
            }
            long lifetime = body.path("expires_in").asLong(300);
            renewAt = clock.instant().plusSeconds(lifetime).minus(EARLY);
        } catch (IOException e) {
            throw new DeliveryFailure("token endpoint unreachable: " + DeliveryFailure.describe(e), false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailure("interrupted while fetching a token", false, e);
        }
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
