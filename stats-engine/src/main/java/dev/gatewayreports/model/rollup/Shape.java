package dev.gatewayreports.model.rollup;

import dev.gatewayreports.model.stats.FigureColumn;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The rollup tables: which events each folds, by which dimensions, at which grains, and which metric columns
 * it keeps. One table per access path, each narrow enough to stay small (see V4__rollups.sql). Only the
 * one-row-per-owner tables keep 15-minute buckets; the per-model, per-key and per-error tables would hold about
 * one row per event at that grain, so their sub-hour edges are read from raw events instead. The admin table keeps
 * UTC days only: its five dimensions barely compress within an hour (V29__rollup_admin_daily.sql). The per-key table
 * keeps weeks too (multiples of 7 days from the epoch), for the reports' 30-day by-key sections
 * (V39__rollup_api_key_weeks.sql).
 */
public enum Shape {
    ORG("rollup_org", new int[] {900, 3600, 86400}, List.of(), e -> new String[0], e -> true, FigureColumn.ALL, true),
    ORG_MODEL(
            "rollup_org_model",
            new int[] {900, 3600, 86400},
            List.of("provider", "model"),
            e -> new String[] {e.provider(), e.model()},
            e -> true,
            FigureColumn.ALL,
            true),
    TEAM("rollup_team", new int[] {900, 3600, 86400}, List.of(), e -> new String[0], e -> true, FigureColumn.ALL, true),
    MODEL(
            "rollup_model",
            new int[] {3600, 86400},
            List.of("provider", "model"),
            e -> new String[] {e.provider(), e.model()},
            e -> true,
            FigureColumn.ALL,
            true),
    API_KEY(
            "rollup_api_key",
            new int[] {3600, 86400, 604800},
            List.of("api_key_id"),
            e -> new String[] {e.apiKeyId()},
            e -> true,
            FigureColumn.API_KEY,
            false),
    ORG_ERROR(
            "rollup_org_error",
            new int[] {3600, 86400},
            List.of("provider", "model", "error_type"),
            e -> new String[] {e.provider(), e.model(), e.errorType()},
            EventRow::error,
            FigureColumn.ERROR,
            false),
    ERROR(
            "rollup_error",
            new int[] {3600, 86400},
            List.of("provider", "model", "error_type"),
            e -> new String[] {e.provider(), e.model(), e.errorType()},
            EventRow::error,
            FigureColumn.ERROR,
            false),
    ADMIN(
            "rollup_admin",
            new int[] {86400},
            List.of("api_key_id", "model", "service_tier", "context_window", "inference_geo"),
            e -> new String[] {e.apiKeyId(), e.model(), e.serviceTier(), e.contextWindow(), e.inferenceGeo()},
            e -> true,
            FigureColumn.ADMIN,
            false);

    public final String table;
    /**
     * True when rows belong to a team, keyed (org_id, team_id, …): a team is identified by its organization and its
     * id. False for the organization-wide rollups, keyed by org_id.
     */
    final boolean perTeam;

    final int[] grains;
    final List<String> dimensions;
    final Function<EventRow, String[]> dimensionValues;
    final Predicate<EventRow> folds;
    final List<FigureColumn> metrics;
    final boolean latency;

    Shape(
            String table,
            int[] grains,
            List<String> dimensions,
            Function<EventRow, String[]> dimensionValues,
            Predicate<EventRow> folds,
            List<FigureColumn> metrics,
            boolean latency) {
        this.table = table;
        this.perTeam = !table.startsWith("rollup_org");
        this.grains = grains;
        this.dimensions = dimensions;
        this.dimensionValues = dimensionValues;
        this.folds = folds;
        this.metrics = metrics;
        this.latency = latency;
    }
}
