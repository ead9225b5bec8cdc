package dev.gatewayreports.model.rollup;

import dev.gatewayreports.model.stats.Figures;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The fields of one stored usage event that rollups fold. */
public record EventRow(
        String teamId,
        long occurredAtEpochSecond,
        String provider,
        String model,
        boolean error,
        String errorType,
        int latencyMs,
        String apiKeyId,
        String serviceTier,
        String contextWindow,
        String inferenceGeo,
        long[] tokens,
        BigDecimal codeExecutionHours,
        BigDecimal credits,
        BigDecimal costUsd,
        boolean unpriced,
        BigDecimal[] costParts,
        String orgId) {

    /** Token columns, in this order, in {@link #tokens}, then the code-execution hours. */
    static final String TOKEN_COLUMNS = "input_tokens, cache_read_input_tokens, cache_creation_5m_input_tokens,"
            + " cache_creation_1h_input_tokens, output_tokens, web_search_requests, code_execution_hours";
    /** Cost component columns, in this order, in {@link #costParts}. */
    static final String COST_COLUMNS = "cost_input_usd, cost_output_usd, cost_cache_read_usd,"
            + " cost_cache_creation_5m_usd, cost_cache_creation_1h_usd, cost_web_search_usd, cost_code_execution_usd";

    public static final String SELECT_COLUMNS =
            "team_id, floor(extract(epoch from occurred_at))::bigint, provider, model, status,"
                    + " error_type, latency_ms, api_key_id, service_tier, context_window, inference_geo, "
                    + TOKEN_COLUMNS
                    + ", credits, cost_usd, cost_source, " + COST_COLUMNS + ", org_id";

    public static EventRow read(ResultSet rs) throws SQLException {
        long[] tokens = new long[6];
        for (int i = 0; i < 6; i++) {
            tokens[i] = rs.getLong(12 + i);
        }
        BigDecimal[] parts = new BigDecimal[Figures.COST_PARTS];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = rs.getBigDecimal(22 + i);
        }
        return new EventRow(
                rs.getString(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getString(4),
                "error".equals(rs.getString(5)),
                rs.getString(6),
                rs.getInt(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                rs.getString(11),
                tokens,
                rs.getBigDecimal(18),
                rs.getBigDecimal(19),
                rs.getBigDecimal(20),
                "unpriced".equals(rs.getString(21)),
                parts,
                rs.getString(29));
    }
}
