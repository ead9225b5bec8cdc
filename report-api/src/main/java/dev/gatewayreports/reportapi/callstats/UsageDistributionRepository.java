package dev.gatewayreports.reportapi.callstats;

import dev.gatewayreports.model.stats.RawFilters;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-call distributions of usage metrics (min, max, exact percentiles) by bucket and model. Rollups keep sums
 * only for tokens and money, so these read raw events of the window, with the same per-call filters.
 */
@ApplicationScoped
public class UsageDistributionRepository {
    /** The per-call value of each usage metric. */
    static final Map<String, String> VALUE = Map.of(
            "input_tokens",
            "(e.input_tokens + e.cache_read_input_tokens + e.cache_creation_5m_input_tokens"
                    + " + e.cache_creation_1h_input_tokens)::numeric",
            "output_tokens",
            "e.output_tokens::numeric",
            "total_tokens",
            "(e.input_tokens + e.cache_read_input_tokens + e.cache_creation_5m_input_tokens"
                    + " + e.cache_creation_1h_input_tokens + e.output_tokens)::numeric",
            "input_cost",
            "(coalesce(e.cost_input_usd, 0) + coalesce(e.cost_cache_read_usd, 0)"
                    + " + coalesce(e.cost_cache_creation_5m_usd, 0) + coalesce(e.cost_cache_creation_1h_usd, 0))",
            "output_cost",
            "coalesce(e.cost_output_usd, 0)",
            "total_cost",
            "coalesce(e.cost_usd, 0)");

    /** Min, max and percentiles (in the metric's order) of one metric in one bucket and model. */
    public record Distribution(BigDecimal min, BigDecimal max, List<BigDecimal> percentiles) {}

    /** A bucket (its index in the boundaries) and a model. */
    public record Key(int bucket, String model) {}

    private final AgroalDataSource dataSource;

    public UsageDistributionRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Distributions per key, then per metric name, over the events of the organization's team. */
    public Map<Key, Map<String, Distribution>> distributions(
            String orgId,
            String teamId,
            Instant start,
            Instant end,
            long[] boundaries,
            List<MetricSpec> metrics,
            RawFilters f) {
        StringBuilder sql =
                new StringBuilder("select width_bucket(extract(epoch from e.occurred_at), ?::numeric[])," + " e.model");
        for (MetricSpec m : metrics) {
            String v = VALUE.get(m.metric());
            sql.append(", min(").append(v).append("), max(").append(v).append(")");
            sql.append(", percentile_disc(?::float8[]) within group (order by ")
                    .append(v)
                    .append(")");
        }
        sql.append(
                " from usage_event e where e.org_id = ? and e.team_id = ? and e.occurred_at >= ? and e.occurred_at < ?");
        Map<String, List<String>> lists = filterColumns(f);
        lists.forEach((column, values) -> {
            if (!values.isEmpty()) {
                sql.append(
                        column.endsWith("_refs")
                                ? " and e." + column + " && ?::text[]"
                                : " and e." + column + " = any(?)");
            }
        });
        if (f.traceRootsOnly()) {
            sql.append(" and e.parent_id is null");
        }
        sql.append(" group by 1, 2");
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int p = 1;
            Long[] b = new Long[boundaries.length];
            for (int i = 0; i < b.length; i++) {
                b[i] = boundaries[i];
            }
            ps.setArray(p++, c.createArrayOf("numeric", b));
            for (MetricSpec m : metrics) {
                ps.setArray(p++, c.createArrayOf("float8", fractions(m)));
            }
            ps.setString(p++, orgId);
            ps.setString(p++, teamId);
            ps.setTimestamp(p++, Timestamp.from(start));
            ps.setTimestamp(p++, Timestamp.from(end));
            for (List<String> values : lists.values()) {
                if (!values.isEmpty()) {
                    ps.setArray(p++, c.createArrayOf("text", values.toArray()));
                }
            }
            return read(ps, metrics);
        } catch (SQLException e) {
            throw new IllegalStateException("usage distribution query failed", e);
        }
    }

    private static Map<Key, Map<String, Distribution>> read(PreparedStatement ps, List<MetricSpec> metrics)
            throws SQLException {
        Map<Key, Map<String, Distribution>> out = new HashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Key key = new Key(rs.getInt(1) - 1, rs.getString(2));
                Map<String, Distribution> byMetric = new LinkedHashMap<>();
                int col = 3;
                for (MetricSpec m : metrics) {
                    BigDecimal min = rs.getBigDecimal(col++);
                    BigDecimal max = rs.getBigDecimal(col++);
                    Array array = rs.getArray(col++);
                    List<BigDecimal> ps2 = new ArrayList<>();
                    for (Object o : (Object[]) array.getArray()) {
                        ps2.add((BigDecimal) o);
                    }
                    byMetric.put(m.metric(), new Distribution(min, max, ps2));
                }
                out.put(key, byMetric);
            }
        }
        return out;
    }

    private static Double[] fractions(MetricSpec m) {
        return m.percentiles().stream().map(p -> p / 100.0).toArray(Double[]::new);
    }

    private static Map<String, List<String>> filterColumns(RawFilters f) {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        columns.put("trace_id", f.traceIds());
        columns.put("request_id", f.callIds());
        columns.put("parent_id", f.parentIds());
        columns.put("thread_id", f.threadIds());
        columns.put("turn_id", f.turnIds());
        columns.put("input_refs", f.inputRefs());
        columns.put("output_refs", f.outputRefs());
        columns.put("user_id", f.userIds());
        columns.put("run_id", f.runIds());
        columns.put("op_name", f.opNames());
        return columns;
    }
}
