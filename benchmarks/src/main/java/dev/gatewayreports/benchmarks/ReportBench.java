package dev.gatewayreports.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Times {@code POST /v1/reports/generate} through HTTP, against our report-api and against a second report-api
 * whose engine reads raw events only ({@code REPORTS_STATS_RAW_BELOW} longer than any window): what the same
 * report would cost without rollups. Ours gets {@code warmup} untimed requests first (timed apart: what a fresh JVM
 * answers while its JIT compiles), the raw-only side one; then timed runs ({@code runs} of them, at least three, none
 * started after the budget), one request at a time, the whole body read.
 */
final class ReportBench {

    private static final int MIN_RUNS = 3;
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One report request: the token that may read it, the team (or {@code all}) and the format. */
    record Request(String title, String token, String teamId, String format) {}

    /**
     * One side's timings and last answer; {@code error} when a request did not answer 200. {@code warmup}: the times
     * of the untimed requests before them, in order.
     */
    record Side(List<Double> ms, byte[] body, String error, List<Double> warmup) {
        boolean ok() {
            return error == null;
        }
    }

    /** What one request measured on both sides; {@code baseline} is null when no raw-only API runs. */
    record Outcome(Request request, Side ours, Side baseline) {}

    private final HttpClient http;
    private final URI ours;
    private final URI raw;
    private final Instant start;
    private final Instant end;
    private final ZoneId zone;
    private final int runs;
    private final long budgetNanos;
    private final int warmup;

    /**
     * The window [start, end) timed with the run's options (zone, runs, budget, warm-up) against its report-api and,
     * unless {@code withBaseline} is false, its raw-only one.
     */
    static ReportBench of(HttpClient http, BenchArgs args, boolean withBaseline, Instant start, Instant end) {
        return new ReportBench(
                http,
                args.api(),
                withBaseline ? args.rawApi() : null,
                start,
                end,
                args.zone(),
                args.runs(),
                args.budgetSeconds(),
                args.reportWarmup());
    }

    /** @param raw the raw-only report-api, or null to time ours alone */
    private ReportBench(
            HttpClient http,
            URI ours,
            URI raw,
            Instant start,
            Instant end,
            ZoneId zone,
            int runs,
            int budgetSeconds,
            int warmup) {
        this.http = http;
        this.ours = ours.resolve("/v1/reports/generate");
        this.raw = raw == null ? null : raw.resolve("/v1/reports/generate");
        this.start = start;
        this.end = end;
        this.zone = zone;
        this.runs = runs;
        this.budgetNanos = budgetSeconds * 1_000_000_000L;
        this.warmup = warmup;
    }

    Outcome measure(Request request) throws InterruptedException {
        System.out.printf("Report %s ...%n", request.title());
        Side mine = timed(ours, request, warmup);
        Side base = raw == null ? null : timed(raw, request, 1);
        return new Outcome(request, mine, base);
    }

    /** Timed requests to our report-api, one at a time while {@code more} says so (at least one), no warm-up. */
    Side series(Request request, BooleanSupplier more) throws InterruptedException {
        HttpRequest call = build(ours, request);
        byte[][] body = new byte[1][];
        List<Double> ms = new ArrayList<>();
        String error;
        do {
            error = sendTimed(call, body, ms);
        } while (error == null && more.getAsBoolean());
        return new Side(ms, body[0], error, List.of());
    }

    /**
     * {@code warmups} requests timed apart, then timed ones: {@code runs}, fewer (but at least three) past the time
     * budget.
     */
    private Side timed(URI endpoint, Request request, int warmups) throws InterruptedException {
        HttpRequest call = build(endpoint, request);
        byte[][] body = new byte[1][];
        List<Double> warm = new ArrayList<>();
        String error = null;
        while (error == null && warm.size() < warmups) {
            error = sendTimed(call, body, warm);
        }
        List<Double> ms = new ArrayList<>();
        long deadline = System.nanoTime() + budgetNanos;
        while (error == null && ms.size() < runs && (ms.size() < MIN_RUNS || System.nanoTime() < deadline)) {
            error = sendTimed(call, body, ms);
        }
        return new Side(ms, body[0], error, warm);
    }

    private HttpRequest build(URI endpoint, Request request) {
        String json = JSON.createObjectNode()
                .put("report_type", "comprehensive")
                .put("start", start.toString())
                .put("end", end.toString())
                .put("timezone", zone.getId())
                .put("team_id", request.teamId())
                .put("format", request.format())
                .toString();
        return HttpRequest.newBuilder(endpoint)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "*/*")
                .header("Authorization", "Bearer " + request.token())
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    /** {@link #send}, its time in milliseconds added to {@code ms}. */
    private String sendTimed(HttpRequest request, byte[][] body, List<Double> ms) throws InterruptedException {
        long t = System.nanoTime();
        String error = send(request, body);
        ms.add((System.nanoTime() - t) / 1e6);
        return error;
    }

    /** Sends and reads the whole body into {@code body[0]}; answers null on a 200, else what went wrong. */
    private String send(HttpRequest request, byte[][] body) throws InterruptedException {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            body[0] = response.body();
            if (response.statusCode() != 200) {
                String text = new String(response.body(), StandardCharsets.UTF_8);
                return "HTTP " + response.statusCode() + ": " + text.substring(0, Math.min(200, text.length()));
            }
            return null;
        } catch (IOException e) {
            return "failed: " + e;
        }
    }

    /** The summary's total_requests and total_cost_usd of a JSON report. */
    record Totals(long requests, BigDecimal costUsd) {
        static Totals of(byte[] body) {
            try {
                JsonNode summary = JSON.readTree(body).path("data").path("summary");
                JsonNode cost = summary.path("total_cost_usd");
                return new Totals(
                        summary.path("total_requests").asLong(-1), cost.isNumber() ? cost.decimalValue() : null);
            } catch (IOException e) {
                return new Totals(-1, null);
            }
        }

        boolean sameAs(Totals other) {
            return requests == other.requests
                    && (costUsd == null
                            ? other.costUsd == null
                            : other.costUsd != null && costUsd.compareTo(other.costUsd) == 0);
        }

        @Override
        public String toString() {
            return String.format("total_requests %,d, total_cost_usd %s", requests, costUsd);
        }
    }

    /** Whether two exports are byte for byte the same. */
    static boolean sameBytes(byte[] a, byte[] b) {
        return a != null && b != null && Arrays.equals(a, b);
    }
}
