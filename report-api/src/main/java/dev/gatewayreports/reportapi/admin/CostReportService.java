package dev.gatewayreports.reportapi.admin;

import dev.gatewayreports.model.stats.Dimension;
import dev.gatewayreports.model.stats.Figures;
import dev.gatewayreports.model.stats.Measure;
import dev.gatewayreports.model.stats.StatsEngine;
import dev.gatewayreports.model.stats.StatsRow;
import dev.gatewayreports.reportapi.admin.CostReportResponse.Bucket;
import dev.gatewayreports.reportapi.admin.CostReportResponse.Result;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cost report: USD per UTC day in cents, by workspace and/or description (model × cost type × token type).
 * Priority-tier usage is billed apart and left out.
 */
@ApplicationScoped
public class CostReportService {
    static final String REPORT = "cost";
    static final long DAY = 86_400;
    /** Every tier but priority. */
    static final Set<String> BILLED_TIERS = Set.of("standard", "batch", "flex");

    /** A cost line of a description: the engine's cost part index, its cost type, token type and label. */
    record Line(int part, String costType, String tokenType, String label) {}

    static final List<Line> LINES = List.of(
            new Line(0, "tokens", "uncached_input_tokens", "input tokens"),
            new Line(1, "tokens", "output_tokens", "output tokens"),
            new Line(2, "tokens", "cache_read_input_tokens", "cache read input tokens"),
            new Line(3, "tokens", "cache_creation.ephemeral_5m_input_tokens", "5m cache write input tokens"),
            new Line(4, "tokens", "cache_creation.ephemeral_1h_input_tokens", "1h cache write input tokens"),
            new Line(5, "web_search", null, "web search"),
            new Line(6, "code_execution", null, "code execution"));

    private final StatsEngine engine;
    private final OrgTeams orgTeams;
    private final PageCursor cursor;

    public CostReportService(StatsEngine engine, OrgTeams orgTeams, PageCursor cursor) {
        this.engine = engine;
        this.orgTeams = orgTeams;
        this.cursor = cursor;
    }

    /** One page of the report of {@code orgId}'s cost; {@code now} ends a window without {@code ending_at}. */
    CostReportResponse report(String orgId, CostReportRequest r, Instant now) {
        int limit = r.limit();
        List<String> workspaces = r.workspaces();
        AdminWindow first = AdminWindow.first(r.startingAt(), r.endingAt(), now, DAY, limit);
        String digest = r.digest(first);
        AdminWindow window = AdminQuery.window(cursor, r.page(), REPORT, digest, first, limit);
        OrgTeams.Teams org = orgTeams.of(orgId);
        boolean byWorkspace = r.byWorkspace();
        boolean byDescription = r.byDescription();
        Map<Instant, List<StatsRow>> rows = AdminQuery.rows(
                engine,
                orgId,
                AdminQuery.teams(org, workspaces),
                workspaces.isEmpty(),
                window,
                groupBy(byWorkspace, byDescription),
                Map.of(Dimension.SERVICE_TIER, BILLED_TIERS),
                EnumSet.of(Measure.REQUESTS, Measure.COST, Measure.COST_PARTS));
        List<Bucket> data = new ArrayList<>();
        for (Instant start : window.bucketStarts()) {
            List<Result> results = new ArrayList<>();
            for (StatsRow row : rows.getOrDefault(start, List.of())) {
                String workspace =
                        byWorkspace ? org.workspaceId(row.dimensions().get(0)) : null;
                results.addAll(
                        byDescription
                                ? lines(row, workspace, byWorkspace ? 1 : 0)
                                : List.of(total(row.figures().costUsd(), workspace)));
            }
            data.add(new Bucket(start.toString(), start.plusSeconds(DAY).toString(), results));
        }
        return new CostReportResponse(data, window.hasMore(), AdminQuery.nextPage(cursor, REPORT, digest, window));
    }

    private static List<Dimension> groupBy(boolean byWorkspace, boolean byDescription) {
        List<Dimension> groupBy = new ArrayList<>();
        if (byWorkspace) {
            groupBy.add(Dimension.TEAM);
        }
        if (byDescription) {
            groupBy.addAll(List.of(Dimension.MODEL, Dimension.SERVICE_TIER, Dimension.CONTEXT_WINDOW));
        }
        return groupBy;
    }

    private static Result total(BigDecimal usd, String workspace) {
        return new Result("USD", cents(usd), workspace, null, null, null, null, null, null);
    }

    /**
     * One line per non-zero cost part; cost reported by the gateway as a whole (image models) has no parts and is
     * one {@code tokens} line without a token type, so the lines always add up to the total.
     */
    private static List<Result> lines(StatsRow row, String workspace, int first) {
        String model = row.dimensions().get(first);
        String tier = row.dimensions().get(first + 1);
        String window = row.dimensions().get(first + 2);
        Figures f = row.figures();
        List<Result> out = new ArrayList<>();
        BigDecimal rest = f.costUsd();
        for (Line line : LINES) {
            BigDecimal amount = f.costPart(line.part());
            rest = rest.subtract(amount);
            if (amount.signum() != 0) {
                out.add(new Result(
                        "USD",
                        cents(amount),
                        workspace,
                        model + " " + line.label(),
                        line.costType(),
                        window,
                        model,
                        tier,
                        line.tokenType()));
            }
        }
        if (rest.signum() != 0) {
            out.add(new Result("USD", cents(rest), workspace, model + " usage", "tokens", window, model, tier, null));
        }
        return out;
    }

    /** USD as cents, exact: {@code 1.2345} → {@code "123.45"}. */
    static String cents(BigDecimal usd) {
        BigDecimal c = usd.movePointRight(2).stripTrailingZeros();
        return c.signum() == 0 ? "0" : c.toPlainString();
    }
}
