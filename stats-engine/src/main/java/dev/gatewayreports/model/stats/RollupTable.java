package dev.gatewayreports.model.stats;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The rollup tables the engine reads (V4–V6 migrations), what each can group by and which figures it holds:
 * figure columns a table lacks read as 0, so a table is only chosen when it holds every figure asked for.
 */
enum RollupTable {
    ORG_ERROR(
            "rollup_org_error",
            new int[] {86_400, 3_600},
            EnumSet.of(Dimension.PROVIDER, Dimension.MODEL, Dimension.ERROR_TYPE),
            EnumSet.of(Measure.ERRORS),
            Map.of("error_count", "error_count", "request_count", "error_count")),
    ERROR(
            "rollup_error",
            new int[] {86_400, 3_600},
            EnumSet.of(Dimension.TEAM, Dimension.PROVIDER, Dimension.MODEL, Dimension.ERROR_TYPE),
            EnumSet.of(Measure.ERRORS),
            Map.of("error_count", "error_count", "request_count", "error_count")),
    ORG(
            "rollup_org",
            new int[] {86_400, 3_600, 900},
            EnumSet.noneOf(Dimension.class),
            EnumSet.allOf(Measure.class),
            null),
    ORG_MODEL(
            "rollup_org_model",
            new int[] {86_400, 3_600, 900},
            EnumSet.of(Dimension.PROVIDER, Dimension.MODEL),
            EnumSet.allOf(Measure.class),
            null),
    TEAM("rollup_team", new int[] {86_400, 3_600, 900}, EnumSet.of(Dimension.TEAM), EnumSet.allOf(Measure.class), null),
    MODEL(
            "rollup_model",
            new int[] {86_400, 3_600},
            EnumSet.of(Dimension.TEAM, Dimension.PROVIDER, Dimension.MODEL),
            EnumSet.allOf(Measure.class),
            null),
    API_KEY(
            "rollup_api_key",
            new int[] {604_800, 86_400, 3_600},
            EnumSet.of(Dimension.TEAM, Dimension.API_KEY),
            EnumSet.of(Measure.REQUESTS, Measure.ERRORS, Measure.CREDITS, Measure.COST),
            same(FigureColumn.API_KEY)),
    ADMIN(
            "rollup_admin",
            new int[] {86_400},
            EnumSet.of(
                    Dimension.TEAM,
                    Dimension.API_KEY,
                    Dimension.MODEL,
                    Dimension.SERVICE_TIER,
                    Dimension.CONTEXT_WINDOW,
                    Dimension.INFERENCE_GEO),
            EnumSet.of(Measure.REQUESTS, Measure.TOKENS, Measure.COST, Measure.COST_PARTS),
            same(FigureColumn.ADMIN));

    final String table;
    /** True for the organization-wide tables (keyed by org_id); the others are keyed by (org_id, team_id). */
    private final boolean organizationWide;

    final int[] grainsDescending;
    final Set<Dimension> dimensions;
    final Set<Measure> measures;
    /** Figure column → its column in this table; null: the table has every figure column. */
    final Map<String, String> columns;

    RollupTable(
            String table,
            int[] grainsDescending,
            Set<Dimension> dimensions,
            Set<Measure> measures,
            Map<String, String> columns) {
        this.table = table;
        this.organizationWide = table.startsWith("rollup_org");
        this.grainsDescending = grainsDescending;
        this.dimensions = dimensions;
        this.measures = measures;
        this.columns = columns;
    }

    private static Map<String, String> same(java.util.List<FigureColumn> columns) {
        Map<String, String> map = new java.util.HashMap<>();
        for (FigureColumn column : columns) {
            map.put(column.column(), column.column());
        }
        return Map.copyOf(map);
    }

    /** The column expression of a figure in this table, or 0 when the table does not keep it. */
    String figure(String column) {
        if (columns == null) {
            return "r." + column;
        }
        String own = columns.get(column);
        return own == null ? "0" : "r." + own;
    }

    boolean organizationWide() {
        return organizationWide;
    }

    boolean hasLatency() {
        return this == ORG || this == ORG_MODEL || this == TEAM || this == MODEL;
    }

    /**
     * The first table able to answer: holds the dimensions and figures (the smallest tables come first);
     * organization-wide tables only for a query over a whole organization.
     */
    static RollupTable forQuery(Set<Dimension> dimensions, Set<Measure> measures, boolean wholeOrganization) {
        for (RollupTable t : values()) {
            if (t.organizationWide() && !wholeOrganization) {
                continue;
            }
            if (t.dimensions.containsAll(dimensions) && t.measures.containsAll(measures)) {
                if ((t == ERROR || t == ORG_ERROR) && !dimensions.contains(Dimension.ERROR_TYPE)) {
                    continue; // error rollups hold only errors: used when grouping or filtering by error type
                }
                return t;
            }
        }
        return null;
    }
}
