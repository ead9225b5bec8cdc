package dev.gatewayreports.reportapi.reports;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded set of varied events (three providers, four models, two API keys and console traffic, errors of every
 * kind, cache tokens, explicit and price-book costs, unpriced ones) and the plain Java values the independent
 * computation uses.
 */
final class SampleEvents {
    /** One generated event: what was sent, in plain Java. */
    record Sample(
            String requestId,
            Instant occurredAt,
            String provider,
            String model,
            boolean error,
            String errorType,
            int latencyMs,
            String apiKeyId,
            long[] tokens,
            BigDecimal credits,
            BigDecimal costUsd) {

        long totalTokens() {
            return tokens[0] + tokens[1] + tokens[2] + tokens[3] + tokens[4];
        }

        Map<String, Object> json(String team) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("request_id", requestId);
            m.put("occurred_at", occurredAt.toString());
            m.put("team_id", team);
            m.put("provider", provider);
            m.put("model", model);
            m.put("status", error ? "error" : "success");
            if (error) {
                m.put("error_type", errorType);
                m.put("http_status", 500);
                m.put("error_message", "=HYPERLINK(\"x\") failed");
            }
            m.put("latency_ms", latencyMs);
            m.put("api_key_id", apiKeyId);
            m.put("input_tokens", tokens[0]);
            m.put("cache_read_input_tokens", tokens[1]);
            m.put("cache_creation_5m_input_tokens", tokens[2]);
            m.put("cache_creation_1h_input_tokens", tokens[3]);
            m.put("output_tokens", tokens[4]);
            m.put("web_search_requests", tokens[5]);
            m.put("credits", credits);
            if (costUsd != null) {
                m.put("cost_usd", costUsd);
            }
            return m;
        }
    }

    private static final String[][] MODELS = {
        {"anthropic", "claude-sonnet-4-5"},
        {"openai", "gpt-4o"},
        {"openai", "gpt-4o-mini"},
        {"replicate", "flux-schnell"}
    };
    private static final String[] ERRORS = {
        "rate_limit", "timeout", "provider_error", "invalid_request", "content_filter", "auth", "other"
    };
    private static final String[] KEYS = {"key_alpha", "key_beta", null};

    private SampleEvents() {}

    /** {@code count} events spread uniformly over [from, to). gpt-4o events carry no cost (the price book prices them), nor do a tenth of the flux-schnell ones (unpriced). */
    static List<Sample> between(long seed, int count, Instant from, Instant to) {
        Random random = new Random(seed);
        List<Sample> samples = new ArrayList<>();
        long span = to.getEpochSecond() - from.getEpochSecond();
        for (int i = 0; i < count; i++) {
            String[] model = MODELS[random.nextInt(MODELS.length)];
            boolean error = random.nextInt(5) == 0;
            long[] tokens = {
                random.nextInt(5000),
                random.nextInt(3) == 0 ? random.nextInt(20000) : 0,
                random.nextInt(4) == 0 ? random.nextInt(3000) : 0,
                random.nextInt(6) == 0 ? random.nextInt(3000) : 0,
                random.nextInt(2000),
                random.nextInt(10) == 0 ? 1 + random.nextInt(3) : 0
            };
            boolean unpriced = model[1].equals("flux-schnell") && random.nextInt(10) == 0;
            BigDecimal cost =
                    model[1].equals("gpt-4o") || unpriced ? null : BigDecimal.valueOf(random.nextInt(5_000_000), 6);
            samples.add(new Sample(
                    "req_" + seed + "_" + i,
                    from.plusSeconds((long) (random.nextDouble() * span)).plusMillis(random.nextInt(1000)),
                    model[0],
                    model[1],
                    error,
                    error ? ERRORS[random.nextInt(ERRORS.length)] : null,
                    20 + random.nextInt(random.nextInt(10) == 0 ? 60_000 : 3_000),
                    KEYS[random.nextInt(KEYS.length)],
                    tokens,
                    BigDecimal.valueOf(random.nextInt(100_000_000), 6),
                    cost));
        }
        return samples;
    }
}
