package dev.gatewayreports.reportapi.fuzz;

import dev.gatewayreports.reportapi.fuzz.Mutations.Auth;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Generators for ingest and the reports family: reports, quick, history, downloads, schedules, sends, deliveries. */
final class ReportEndpoints {
    static final String JSON = "application/json";
    private static final List<String> TYPES =
            List.of("usage", "cost", "performance", "error", "comprehensive", "USAGE", "usage ", "billing");

    private final Mutations m;
    private final FuzzValues v;
    private final FuzzFixture f;
    private int requestIds;

    ReportEndpoints(Mutations m) {
        this.m = m;
        this.v = m.v;
        this.f = m.f;
    }

    Map<String, Supplier<FuzzRequest>> all() {
        Map<String, Supplier<FuzzRequest>> all = new LinkedHashMap<>();
        all.put("POST /v1/usage/events", this::ingest);
        all.put("POST /v1/reports/generate", this::generate);
        all.put("GET /v1/reports/quick/{type}", this::quick);
        all.put("GET /v1/reports", this::history);
        all.put("GET /v1/reports/{id}", () -> byId("GET /v1/reports/{id}", "GET", "/v1/reports/", Auth.MEMBER));
        all.put("GET /v1/reports/download/{id}", this::download);
        all.put(
                "DELETE /v1/reports/{id}",
                () -> byId("DELETE /v1/reports/{id}", "DELETE", "/v1/reports/", Auth.TEAM_ADMIN));
        all.put("POST /v1/reports/schedule", this::schedule);
        all.put("GET /v1/reports/preferences/all", this::preferences);
        all.put("DELETE /v1/reports/schedule/{type}", this::unschedule);
        all.put("POST /v1/reports/send", this::send);
        all.put(
                "GET /v1/reports/deliveries/{id}",
                () -> byId("GET /v1/reports/deliveries/{id}", "GET", "/v1/reports/deliveries/", Auth.MEMBER));
        return all;
    }

    private Map<String, String> event() {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("request_id", JsonText.string(f.prefix() + "r" + requestIds++));
        e.put(
                "occurred_at",
                JsonText.string(f.window()[1].minusSeconds(v.between(0, 86_400)).toString()));
        e.put("team_id", JsonText.string(f.fuzzTeam()));
        e.put("provider", JsonText.string("anthropic"));
        e.put("model", JsonText.string("claude-sonnet-4-5"));
        e.put("status", JsonText.string("success"));
        e.put("latency_ms", "812");
        e.put("input_tokens", "1200");
        e.put("output_tokens", "300");
        if (v.chance(0.3)) {
            e.put("input_refs", JsonText.strings(List.of("ref-1", "ref-2")));
            e.put("error_message", JsonText.string("line one\nline two"));
        }
        return e;
    }

    private FuzzRequest ingest() {
        FuzzRequest r = m.auth(FuzzRequest.of("POST /v1/usage/events", "POST", "/v1/usage/events"), Auth.INGEST_KEY);
        List<String> events = new ArrayList<>();
        int n = v.chance(0.003) ? 10_001 : v.between(1, 4);
        for (int i = 0; i < n; i++) {
            Map<String, String> e = event();
            if (n < 100 && v.chance(0.7)) {
                e = m.fields(e);
                if (v.chance(0.3)) {
                    e.put("occurred_at", JsonText.string(v.pick(FuzzValues.TIMESTAMPS)));
                }
            }
            events.add(v.chance(0.03) ? m.json("event") : JsonText.object(e));
        }
        if (v.chance(0.4)) {
            String ndjson = String.join("\n", events) + "\n";
            if (v.chance(0.3)) {
                byte[] bytes = ndjson.getBytes(StandardCharsets.UTF_8);
                return r.body("application/x-ndjson", m.invalidUtf8(bytes));
            }
            return m.body(r, ndjson, "application/x-ndjson");
        }
        return m.body(r, JsonText.array(events), JSON);
    }

    private Map<String, String> reportBody() {
        Map<String, String> b = new LinkedHashMap<>();
        b.put("report_type", JsonText.string(v.pick(TYPES.subList(0, 5))));
        if (v.chance(0.7)) {
            b.put("days", v.pick(List.of("1", "7", "30")));
        } else {
            b.put("start", JsonText.string(f.window()[0].toString()));
            b.put("end", JsonText.string(f.window()[1].toString()));
        }
        b.put("timezone", JsonText.string(v.pick(FuzzValues.ZONES.subList(0, 7))));
        b.put("team_id", JsonText.string(f.team1()));
        b.put("format", JsonText.string(v.pick(List.of("json", "csv", "xlsx"))));
        if (v.chance(0.3)) {
            b.put(
                    "sections",
                    "{\"summary\":true,\"hourly_trend\":" + v.pick(List.of("true", "false", "1", "null")) + "}");
        }
        return b;
    }

    private FuzzRequest generate() {
        FuzzRequest r =
                m.auth(FuzzRequest.of("POST /v1/reports/generate", "POST", "/v1/reports/generate"), Auth.MEMBER);
        Map<String, String> body = reportBody();
        if (v.chance(0.8)) {
            body = m.fields(body);
            if (v.chance(0.3)) {
                body.put(v.pick(List.of("start", "end")), JsonText.string(v.pick(FuzzValues.TIMESTAMPS)));
            }
        }
        return m.body(r, JsonText.object(body), JSON);
    }

    private FuzzRequest quick() {
        String type = v.chance(0.6) ? Mutations.encode(v.pick(TYPES)) : m.pathId(TYPES);
        FuzzRequest r = m.auth(FuzzRequest.of("GET /v1/reports/quick/{type}", "GET", ""), Auth.MEMBER);
        if (v.chance(0.3)) {
            r.header(
                    "If-None-Match", v.pick(List.of("*", "\"abc\"", "W/\"x\"", "\"", "x".repeat(500), "\"a\", \"b\"")));
        }
        Map<String, String> q = new LinkedHashMap<>();
        q.put("days", "7");
        q.put("team_id", f.team1());
        q.put("timezone", v.pick(FuzzValues.ZONES.subList(0, 7)));
        return m.query(r, "/v1/reports/quick/" + type, q, v.chance(0.8));
    }

    private FuzzRequest history() {
        FuzzRequest r = m.auth(FuzzRequest.of("GET /v1/reports", "GET", ""), Auth.MEMBER);
        Map<String, String> q = new LinkedHashMap<>();
        q.put("limit", "20");
        q.put("report_type", "usage");
        if (v.chance(0.6)) {
            q.put("cursor", cursor());
        }
        return m.query(r, "/v1/reports", q, v.chance(0.8));
    }

    private String cursor() {
        String position = switch (v.random().nextInt(4)) {
            case 0 -> v.pick(FuzzValues.TIMESTAMPS) + "|rpt_" + "a".repeat(32);
            case 1 -> "2025-01-01T00:00:00Z|" + v.pick(FuzzValues.STRINGS);
            case 2 -> v.pick(FuzzValues.STRINGS);
            default -> "2025-01-01T00:00:00Z|" + f.reportId();
        };
        return v.chance(0.8)
                ? Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8))
                : position;
    }

    private FuzzRequest byId(String endpoint, String method, String prefix, Auth auth) {
        List<String> real = List.of(f.reportId(), f.deliveryId());
        return m.auth(FuzzRequest.of(endpoint, method, prefix + m.pathId(real)), auth);
    }

    private FuzzRequest download() {
        String id = m.pathId(List.of(f.reportId()));
        FuzzRequest r = m.auth(FuzzRequest.of("GET /v1/reports/download/{id}", "GET", ""), Auth.MEMBER);
        if (v.chance(0.2)) {
            r.header("Accept", v.pick(List.of("application/xml", "text/csv", "*/*", "image/png")));
        }
        return m.query(
                r,
                "/v1/reports/download/" + id,
                Map.of("format", v.pick(List.of("json", "csv", "xlsx"))),
                v.chance(0.7));
    }

    private FuzzRequest schedule() {
        FuzzRequest r =
                m.auth(FuzzRequest.of("POST /v1/reports/schedule", "POST", "/v1/reports/schedule"), Auth.TEAM_ADMIN);
        Map<String, String> b = new LinkedHashMap<>();
        b.put("report_type", JsonText.string("usage"));
        b.put("frequency", JsonText.string(v.pick(List.of("daily", "weekly", "monthly"))));
        b.put("schedule_time", JsonText.string("09:00"));
        b.put("schedule_day", "1");
        b.put("timezone", JsonText.string(v.pick(FuzzValues.ZONES.subList(0, 7))));
        b.put("recipients", JsonText.strings(List.of("team@example.com")));
        b.put("format", JsonText.string("csv"));
        b.put("team_id", JsonText.string(f.fuzzTeam()));
        b.put("days", "7");
        if (v.chance(0.8)) {
            b = m.fields(b);
            if (v.chance(0.3)) {
                b.put("recipients", JsonText.strings(List.of(v.pick(FuzzValues.STRINGS), "a@example.com")));
            }
        }
        return m.body(r, JsonText.object(b), JSON);
    }

    private FuzzRequest preferences() {
        FuzzRequest r = m.auth(FuzzRequest.of("GET /v1/reports/preferences/all", "GET", ""), Auth.MEMBER);
        return m.query(r, "/v1/reports/preferences/all", Map.of("team_id", f.team1()), v.chance(0.8));
    }

    private FuzzRequest unschedule() {
        String type = v.chance(0.5) ? Mutations.encode(v.pick(TYPES)) : m.pathId(TYPES);
        FuzzRequest r = m.auth(FuzzRequest.of("DELETE /v1/reports/schedule/{type}", "DELETE", ""), Auth.TEAM_ADMIN);
        return m.query(r, "/v1/reports/schedule/" + type, Map.of("team_id", f.fuzzTeam()), v.chance(0.8));
    }

    private FuzzRequest send() {
        FuzzRequest r = m.auth(FuzzRequest.of("POST /v1/reports/send", "POST", ""), Auth.MEMBER);
        Map<String, String> q = new LinkedHashMap<>();
        q.put("report_type", "usage");
        q.put("days", "7");
        q.put("team_id", f.team1());
        q.put("format", v.pick(List.of("csv", "xlsx", "none")));
        q.put("timezone", "UTC");
        r = m.query(r, "/v1/reports/send", q, v.chance(0.7));
        if (v.chance(0.4)) {
            return r;
        }
        List<String> to = v.chance(0.5)
                ? List.of("a@example.com")
                : List.of(v.pick(FuzzValues.STRINGS), v.pick(List.of("b@example.com", "x@y", "a@b@c")));
        return m.body(r, JsonText.strings(to), JSON);
    }
}
