package dev.gatewayreports.reportapi.fuzz;

import dev.gatewayreports.reportapi.fuzz.Mutations.Auth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Generators for teams, service keys, {@code /calls/stats}, the admin usage & cost API and paths that do not exist. */
final class AdminEndpoints {
    private static final String JSON = ReportEndpoints.JSON;
    private static final List<String> FILTERS = List.of(
            "op_names",
            "input_refs",
            "output_refs",
            "parent_ids",
            "trace_ids",
            "call_ids",
            "thread_ids",
            "turn_ids",
            "wb_user_ids",
            "wb_run_ids");

    private final Mutations m;
    private final FuzzValues v;
    private final FuzzFixture f;
    private int teams;

    AdminEndpoints(Mutations m) {
        this.m = m;
        this.v = m.v;
        this.f = m.f;
    }

    Map<String, Supplier<FuzzRequest>> all() {
        Map<String, Supplier<FuzzRequest>> all = new LinkedHashMap<>();
        all.put("GET /v1/admin/teams", () -> list("GET /v1/admin/teams", "/v1/admin/teams"));
        all.put("POST /v1/admin/teams", this::createTeam);
        all.put("GET /v1/admin/teams/{id}", () -> team("GET"));
        all.put("PATCH /v1/admin/teams/{id}", () -> team("PATCH"));
        all.put("GET /v1/admin/service-keys", () -> list("GET /v1/admin/service-keys", "/v1/admin/service-keys"));
        all.put("POST /v1/admin/service-keys", this::mintKey);
        all.put("DELETE /v1/admin/service-keys/{id}", this::revokeKey);
        all.put("POST /calls/stats", this::callStats);
        all.put("GET /v1/organizations/usage_report/messages", this::usageReport);
        all.put("GET /v1/organizations/cost_report", this::costReport);
        all.put("(unknown paths and methods)", this::elsewhere);
        return all;
    }

    private FuzzRequest list(String endpoint, String path) {
        FuzzRequest r = m.auth(FuzzRequest.of(endpoint, "GET", ""), Auth.ORG_ADMIN);
        return m.query(r, path, Map.of(), v.chance(0.5));
    }

    private FuzzRequest createTeam() {
        FuzzRequest r = m.auth(FuzzRequest.of("POST /v1/admin/teams", "POST", "/v1/admin/teams"), Auth.ORG_ADMIN);
        Map<String, String> b = new LinkedHashMap<>();
        b.put("team_id", JsonText.string(f.prefix() + "t" + teams++));
        b.put("name", JsonText.string("Platform"));
        b.put("is_default", "false");
        return m.body(r, JsonText.object(v.chance(0.85) ? m.fields(b) : b), JSON);
    }

    private FuzzRequest team(String method) {
        String id = m.pathId(List.of(f.team1(), f.fuzzTeam(), "team_platform"));
        FuzzRequest r = m.auth(
                FuzzRequest.of(method + " /v1/admin/teams/{id}", method, "/v1/admin/teams/" + id), Auth.ORG_ADMIN);
        if (method.equals("GET")) {
            return r;
        }
        Map<String, String> b = new LinkedHashMap<>();
        b.put("name", JsonText.string("Renamed"));
        b.put("is_default", "false");
        return m.body(r, JsonText.object(v.chance(0.85) ? m.fields(b) : b), JSON);
    }

    private FuzzRequest mintKey() {
        FuzzRequest r =
                m.auth(FuzzRequest.of("POST /v1/admin/service-keys", "POST", "/v1/admin/service-keys"), Auth.ORG_ADMIN);
        Map<String, String> b = new LinkedHashMap<>();
        b.put("name", JsonText.string("ci"));
        b.put("scopes", JsonText.strings(List.of(v.pick(List.of("ingest", "stats", "admin")))));
        if (v.chance(0.85)) {
            b = m.fields(b);
            if (v.chance(0.3)) {
                b.put("scopes", JsonText.strings(List.of(v.pick(FuzzValues.STRINGS), "admin")));
            }
        }
        return m.body(r, JsonText.object(b), JSON);
    }

    private FuzzRequest revokeKey() {
        String id = m.pathId(List.of(f.sacrificialKeyId()));
        return m.auth(
                FuzzRequest.of("DELETE /v1/admin/service-keys/{id}", "DELETE", "/v1/admin/service-keys/" + id),
                Auth.ORG_ADMIN);
    }

    private FuzzRequest callStats() {
        FuzzRequest r = m.auth(FuzzRequest.of("POST /calls/stats", "POST", "/calls/stats"), Auth.STATS_KEY);
        Map<String, String> b = new LinkedHashMap<>();
        b.put("project_id", JsonText.string(f.team1()));
        b.put("start", JsonText.string(f.window()[0].toString()));
        b.put("end", JsonText.string(f.window()[1].toString()));
        b.put("granularity", v.pick(List.of("3600", "86400", "300")));
        b.put("timezone", JsonText.string(v.pick(FuzzValues.ZONES.subList(0, 7))));
        b.put(
                "usage_metrics",
                "[{\"metric\":\"total_cost\"},{\"metric\":\"input_tokens\",\"aggregations\":[\"sum\"]}]");
        b.put(
                "call_metrics",
                "[{\"metric\":\"latency_ms\",\"aggregations\":[\"avg\",\"max\"],\"percentiles\":[50,99]}]");
        if (v.chance(0.85)) {
            b = m.fields(b);
            int nested = v.random().nextInt(4);
            if (nested == 0) {
                b.put("filter", "{" + JsonText.string(v.pick(FILTERS)) + ":" + m.json("filter") + "}");
            } else if (nested == 1) {
                b.put(
                        "filter",
                        "{" + JsonText.string(v.pick(FILTERS)) + ":"
                                + JsonText.strings(List.of("ok", v.pick(FuzzValues.STRINGS))) + "}");
            } else if (nested == 2) {
                b.put(
                        v.pick(List.of("usage_metrics", "call_metrics")),
                        "[{\"metric\":" + m.json("metric") + ",\"aggregations\":" + m.json("aggregations")
                                + ",\"percentiles\":" + m.json("p") + "}]");
            } else {
                b.put(v.pick(List.of("start", "end")), JsonText.string(v.pick(FuzzValues.TIMESTAMPS)));
            }
        }
        return m.body(r, JsonText.object(b), JSON);
    }

    private FuzzRequest usageReport() {
        String endpoint = "GET /v1/organizations/usage_report/messages";
        FuzzRequest r = m.auth(FuzzRequest.of(endpoint, "GET", ""), Auth.ADMIN_KEY);
        Map<String, String> q = adminWindow();
        q.put("bucket_width", v.pick(List.of("1m", "1h", "1d")));
        q.put("group_by[]", v.pick(List.of("model", "workspace_id", "api_key_id", "service_tier")));
        for (String filter :
                List.of("api_key_ids[]", "workspace_ids[]", "models[]", "service_tiers[]", "context_window[]")) {
            if (v.chance(0.2)) {
                q.put(filter, filter.equals("workspace_ids[]") ? f.team1() : "x");
            }
        }
        return m.query(r, "/v1/organizations/usage_report/messages", q, v.chance(0.85));
    }

    private FuzzRequest costReport() {
        FuzzRequest r = m.auth(FuzzRequest.of("GET /v1/organizations/cost_report", "GET", ""), Auth.ADMIN_KEY);
        Map<String, String> q = adminWindow();
        q.put("group_by[]", v.pick(List.of("description", "workspace_id")));
        if (v.chance(0.3)) {
            q.put("workspace_ids[]", f.team1());
        }
        return m.query(r, "/v1/organizations/cost_report", q, v.chance(0.85));
    }

    private Map<String, String> adminWindow() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("starting_at", f.window()[0].toString());
        if (v.chance(0.5)) {
            q.put("ending_at", f.window()[1].toString());
        }
        q.put("limit", v.pick(List.of("1", "7", "31")));
        if (v.chance(0.2)) {
            q.put("page", v.pick(List.of("page_", "page_abc", "x", "page_" + "A".repeat(200), "page_MXx1c2FnZQ")));
        }
        return q;
    }

    private FuzzRequest elsewhere() {
        List<String[]> options = new ArrayList<>();
        options.add(new String[] {"GET", "/v1/nothing-here"});
        options.add(new String[] {"PUT", "/v1/reports/generate"});
        options.add(new String[] {"GET", "/calls/stats"});
        options.add(new String[] {"PATCH", "/v1/usage/events"});
        options.add(new String[] {"DELETE", "/v1/admin/teams"});
        options.add(new String[] {"OPTIONS", "/v1/reports"});
        options.add(new String[] {"POST", "/v1/organizations/cost_report"});
        options.add(new String[] {"GET", "/v1/reports/quick/usage/extra/" + m.pathId(List.of("x"))});
        options.add(new String[] {"GET", "/v1/" + m.pathId(List.of("reports"))});
        String[] pick = v.pick(options);
        Auth auth = v.pick(List.of(Auth.ORG_ADMIN, Auth.MEMBER, Auth.STATS_KEY, Auth.NONE));
        return m.auth(FuzzRequest.of("(unknown paths and methods)", pick[0], pick[1]), auth);
    }
}
