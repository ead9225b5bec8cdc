package dev.gatewayreports.reportapi.admin;

import dev.gatewayreports.model.stats.Dimension;
import dev.gatewayreports.model.stats.Figures;
import dev.gatewayreports.model.stats.Measure;
import dev.gatewayreports.model.stats.StatsEngine;
import dev.gatewayreports.model.stats.StatsRow;
import dev.gatewayreports.reportapi.admin.UsageReportResponse.Bucket;
import dev.gatewayreports.reportapi.admin.UsageReportResponse.CacheCreation;
import dev.gatewayreports.reportapi.admin.UsageReportResponse.Result;
import dev.gatewayreports.reportapi.admin.UsageReportResponse.ServerToolUse;
import dev.gatewayreports.reportapi.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The usage report: token usage per bucket, grouped by any of the six admin dimensions. */
@ApplicationScoped
public class UsageReportService {
    static final String REPORT = "usage";
    /** Group-by names in the order of the result's dimension fields, and their engine dimension. */
    static final Map<String, Dimension> GROUPS = new LinkedHashMap<>();

    static {
        GROUPS.put("api_key_id", Dimension.API_KEY);
        GROUPS.put("workspace_id", Dimension.TEAM);
        GROUPS.put("model", Dimension.MODEL);
        GROUPS.put("service_tier", Dimension.SERVICE_TIER);
        GROUPS.put("context_window", Dimension.CONTEXT_WINDOW);
        GROUPS.put("inference_geo", Dimension.INFERENCE_GEO);
    }

    /** Width, default limit and maximum limit of each bucket width. */
    record Width(long seconds, int defaultLimit, int maxLimit) {}

    static final Map<String, Width> WIDTHS =
            Map.of("1m", new Width(60, 60, 1440), "1h", new Width(3600, 24, 168), "1d", new Width(86_400, 7, 31));

    private final StatsEngine engine;
    private final OrgTeams orgTeams;
    private final PageCursor cursor;

    public UsageReportService(StatsEngine engine, OrgTeams orgTeams, PageCursor cursor) {
        this.engine = engine;
        this.orgTeams = orgTeams;
        this.cursor = cursor;
    }

    /** A usage report request, validated. */
    record Request(
            String widthName,
            Width width,
            int limit,
            Instant startingAt,
            Instant endingAt,
            List<String> groupBy,
            List<String> workspaces,
            Map<Dimension, List<String>> filters,
            String page) {

        static Request parse(AdminParams params) {
            Instant startingAt = params.instant("starting_at", true);
            Instant endingAt = params.instant("ending_at", false);
            String widthName = params.single("bucket_width") == null ? "1d" : params.single("bucket_width");
            Width width = WIDTHS.get(widthName);
            if (width == null) {
                throw ApiException.invalid("bucket_width", "bucket_width: one of 1m, 1h, 1d");
            }
            int limit = params.limit(width.defaultLimit(), width.maxLimit());
            List<String> groupBy = params.list("group_by", GROUPS.keySet());
            Map<Dimension, List<String>> filters = new LinkedHashMap<>();
            filters.put(Dimension.API_KEY, params.list("api_key_ids", null));
            filters.put(Dimension.MODEL, params.list("models", null));
            filters.put(Dimension.SERVICE_TIER, params.list("service_tiers", TIERS));
            filters.put(Dimension.CONTEXT_WINDOW, params.list("context_window", List.of("0-200k", "200k-1M")));
            filters.put(Dimension.INFERENCE_GEO, params.list("inference_geos", null));
            List<String> workspaces = params.list("workspace_ids", null);
            return new Request(
                    widthName, width, limit, startingAt, endingAt, groupBy, workspaces, filters, params.single("page"));
        }

        /** What a cursor belongs to: every parameter but limit and page. */
        String digest(AdminWindow first) {
            return AdminQuery.digest(String.join(
                    ";",
                    widthName,
                    Long.toString(first.windowStart()),
                    String.valueOf(endingAt),
                    groupBy.toString(),
                    workspaces.toString(),
                    filters.toString()));
        }
    }

    static final List<String> TIERS = List.of("standard", "batch", "priority", "flex");

    UsageReportResponse report(String orgId, MultivaluedMap<String, String> query, Instant now) {
        Request r = Request.parse(new AdminParams(query));
        AdminWindow first =
                AdminWindow.first(r.startingAt(), r.endingAt(), now, r.width().seconds(), r.limit());
        String digest = r.digest(first);
        AdminWindow window = AdminQuery.window(cursor, r.page(), REPORT, digest, first, r.limit());
        OrgTeams.Teams org = orgTeams.of(orgId);
        Map<Instant, List<StatsRow>> rows = AdminQuery.rows(
                engine,
                orgId,
                AdminQuery.teams(org, r.workspaces()),
                r.workspaces().isEmpty(),
                window,
                r.groupBy().stream().map(GROUPS::get).toList(),
                AdminQuery.filters(r.filters()),
                EnumSet.of(Measure.REQUESTS, Measure.TOKENS));
        List<Bucket> data = new ArrayList<>();
        for (Instant start : window.bucketStarts()) {
            List<Result> results = new ArrayList<>();
            for (StatsRow row : rows.getOrDefault(start, List.of())) {
                results.add(result(row, r.groupBy(), org));
            }
            results.sort(RESULT_ORDER);
            data.add(new Bucket(
                    start.toString(), start.plusSeconds(r.width().seconds()).toString(), results));
        }
        return new UsageReportResponse(data, window.hasMore(), AdminQuery.nextPage(cursor, REPORT, digest, window));
    }

    private static Result result(StatsRow row, List<String> groupNames, OrgTeams.Teams org) {
        Map<String, String> dims = new java.util.HashMap<>();
        for (int i = 0; i < groupNames.size(); i++) {
            dims.put(groupNames.get(i), row.dimensions().get(i));
        }
        Figures f = row.figures();
        return new Result(
                f.inputTokens(),
                f.cacheReadInputTokens(),
                new CacheCreation(f.cacheCreation5mInputTokens(), f.cacheCreation1hInputTokens()),
                f.outputTokens(),
                new ServerToolUse(f.webSearchRequests()),
                dims.get("api_key_id"),
                org.workspaceId(dims.get("workspace_id")),
                dims.get("model"),
                dims.get("service_tier"),
                dims.get("context_window"),
                dims.get("inference_geo"));
    }

    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());
    static final Comparator<Result> RESULT_ORDER = Comparator.comparing(Result::workspaceId, NULLS_FIRST)
            .thenComparing(Result::apiKeyId, NULLS_FIRST)
            .thenComparing(Result::model, NULLS_FIRST)
            .thenComparing(Result::serviceTier, NULLS_FIRST)
            .thenComparing(Result::contextWindow, NULLS_FIRST)
            .thenComparing(Result::inferenceGeo, NULLS_FIRST);
}
