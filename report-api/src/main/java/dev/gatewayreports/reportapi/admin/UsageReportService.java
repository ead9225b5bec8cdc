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
import jakarta.enterprise.context.ApplicationScoped;
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

    private final StatsEngine engine;
    private final OrgTeams orgTeams;
    private final PageCursor cursor;

    public UsageReportService(StatsEngine engine, OrgTeams orgTeams, PageCursor cursor) {
        this.engine = engine;
        this.orgTeams = orgTeams;
        this.cursor = cursor;
    }

    /** One page of the report of {@code orgId}'s usage; {@code now} ends a window without {@code ending_at}. */
    UsageReportResponse report(String orgId, UsageReportRequest r, Instant now) {
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
