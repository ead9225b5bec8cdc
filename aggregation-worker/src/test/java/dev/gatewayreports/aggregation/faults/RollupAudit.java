package dev.gatewayreports.aggregation.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gatewayreports.aggregation.faults.EventWriter.Tenant;
import dev.gatewayreports.aggregation.rollup.FaultSupport;
import io.agroal.api.AgroalDataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether every event stored for some tenants is counted exactly once in every rollup: for each rollup table in
 * the schema (found there, so tables added later are audited too) and each grain it allows, the sum of every
 * metric column equals the same figure over the raw events; rollup_admin also row by row, and the tables
 * {@link FaultSupport#assertRollupsMatchRawEvents} knows row by row and by latency percentile.
 */
final class RollupAudit {
    /** Rollup metric columns and the formula over usage_event that each sums. */
    private static final Map<String, String> RAW = new LinkedHashMap<>();

    static {
        RAW.put("request_count", "count(*)");
        RAW.put("error_count", "count(*) filter (where status = 'error')");
        for (String c : List.of(
                "input_tokens",
                "cache_read_input_tokens",
                "cache_creation_5m_input_tokens",
                "cache_creation_1h_input_tokens",
                "output_tokens",
                "web_search_requests",
                "code_execution_hours",
                "credits",
                "cost_usd",
                "cost_input_usd",
                "cost_output_usd",
                "cost_cache_read_usd",
                "cost_cache_creation_5m_usd",
                "cost_cache_creation_1h_usd",
                "cost_web_search_usd",
                "cost_code_execution_usd")) {
            RAW.put(c, "sum(" + c + ")");
        }
        RAW.put("unpriced_count", "count(*) filter (where cost_source = 'unpriced')");
        RAW.put("latency_sum", "sum(latency_ms)");
    }

    private static final String ROLLUP_TABLES = """
            select c.relname,
                   array_agg(a.attname::text order by a.attnum),
                   (select pg_get_constraintdef(k.oid) from pg_constraint k
                    where k.conrelid = c.oid and k.contype = 'c' and pg_get_constraintdef(k.oid) like '%grain%')
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
            where n.nspname = current_schema() and c.relkind = 'r' and c.relname like 'rollup\\_%'
            group by c.oid, c.relname order by c.relname
            """;
    private static final String ADMIN_ROW_MISMATCHES = """
            select count(*) from (
                select team_id, to_timestamp(floor(extract(epoch from occurred_at) / ?) * ?) as bucket_start,
                       coalesce(api_key_id, '-') as k, model, service_tier, coalesce(context_window, '-') as cw,
                       coalesce(inference_geo, '-') as geo, count(*) as n, sum(input_tokens) as input_tokens,
                       sum(output_tokens) as output_tokens, coalesce(sum(cost_usd), 0) as cost_usd
                from usage_event where team_id = any(?) group by 1, 2, 3, 4, 5, 6, 7) raw
            full join (select team_id, bucket_start, coalesce(api_key_id, '-') as k, model, service_tier,
                              coalesce(context_window, '-') as cw, coalesce(inference_geo, '-') as geo,
                              request_count, input_tokens, output_tokens, cost_usd
                       from rollup_admin where team_id = any(?) and grain = ?) roll
              using (team_id, bucket_start, k, model, service_tier, cw, geo)
            where raw.n is distinct from roll.request_count or raw.input_tokens is distinct from roll.input_tokens
               or raw.output_tokens is distinct from roll.output_tokens or raw.cost_usd is distinct from roll.cost_usd
            """;

    /** A rollup table as the schema defines it: whose rows (team or org), which grains, which sums. */
    private record Table(String name, String owner, int[] grains, List<String> metrics) {
        /** rollup_error has no request count: it folds failed requests only. */
        String eventFilter() {
            return metrics.contains("request_count") ? "true" : "status = 'error'";
        }
    }

    private RollupAudit() {}

    /** Asserts that the tenants have {@code expectedEvents} raw events and that each is in every rollup once. */
    static void assertCountedOnce(AgroalDataSource ds, Tenant[] tenants, long expectedEvents) throws SQLException {
        String[] teams =
                Arrays.stream(tenants).flatMap(t -> Arrays.stream(t.teams())).toArray(String[]::new);
        String[] orgs = Arrays.stream(tenants).map(Tenant::org).toArray(String[]::new);
        try (Connection c = ds.getConnection()) {
            assertEquals(
                    expectedEvents,
                    count(c, "select count(*) from usage_event where team_id = any(?)", (Object) teams),
                    "raw events stored");
            List<Table> tables = rollupTables(c);
            List<String> audited = tables.stream()
                    .map(t -> t.name() + Arrays.toString(t.grains()) + " by " + t.owner())
                    .toList();
            assertTrue(tables.size() >= 4, "rollup tables found: " + audited);
            System.out.println("auditing the sums of " + String.join(", ", audited));
            List<String> mismatches = new ArrayList<>();
            for (Table table : tables) {
                String[] owners = table.owner().equals("org_id") ? orgs : teams;
                for (int grain : table.grains()) {
                    mismatches.addAll(totalMismatches(c, table, grain, owners));
                }
            }
            int[] adminGrains = tables.stream()
                    .filter(t -> t.name().equals("rollup_admin"))
                    .findFirst()
                    .orElseThrow()
                    .grains();
            for (int grain : adminGrains) {
                long rows = count(c, ADMIN_ROW_MISMATCHES, grain, grain, teams, teams, grain);
                if (rows != 0) {
                    mismatches.add("rollup_admin grain " + grain + ": " + rows + " rows differ from raw events");
                }
            }
            if (!mismatches.isEmpty()) {
                fail("rollups differ from raw events:\n" + String.join("\n", mismatches));
            }
        }
        FaultSupport.assertRollupsMatchRawEvents(ds, teams);
    }

    private static List<Table> rollupTables(Connection c) throws SQLException {
        List<Table> tables = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(ROLLUP_TABLES);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                List<String> columns = Arrays.asList((String[]) rs.getArray(2).getArray());
                String owner = columns.contains("team_id") ? "team_id" : "org_id";
                List<String> metrics =
                        RAW.keySet().stream().filter(columns::contains).toList();
                tables.add(new Table(rs.getString(1), owner, grains(rs.getString(3)), metrics));
            }
        }
        return tables;
    }

    /** The grains a table's check constraint allows, e.g. {@code CHECK ((grain = ANY (ARRAY[900, 3600])))}. */
    private static int[] grains(String checkConstraint) {
        if (checkConstraint == null) {
            return new int[] {900, 3600, 86400};
        }
        Matcher m = Pattern.compile("\\d+").matcher(checkConstraint);
        List<Integer> grains = new ArrayList<>();
        while (m.find()) {
            grains.add(Integer.parseInt(m.group()));
        }
        return grains.stream().mapToInt(Integer::intValue).toArray();
    }

    private static List<String> totalMismatches(Connection c, Table table, int grain, String[] owners)
            throws SQLException {
        List<String> raw = table.metrics().stream()
                .map(m -> "coalesce(" + RAW.get(m) + ", 0)")
                .toList();
        List<String> roll =
                table.metrics().stream().map(m -> "coalesce(sum(" + m + "), 0)").toList();
        BigDecimal[] expected = row(
                c,
                "select " + String.join(", ", raw) + " from usage_event where " + table.owner() + " = any(?) and "
                        + table.eventFilter(),
                (Object) owners);
        BigDecimal[] actual = row(
                c,
                "select " + String.join(", ", roll) + " from " + table.name() + " where " + table.owner()
                        + " = any(?) and grain = ?",
                owners,
                grain);
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < expected.length; i++) {
            if (expected[i].compareTo(actual[i]) != 0) {
                mismatches.add(table.name() + " grain " + grain + " sum("
                        + table.metrics().get(i) + "): raw " + expected[i] + ", rollup " + actual[i]);
            }
        }
        return mismatches;
    }

    private static BigDecimal[] row(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            BigDecimal[] values = new BigDecimal[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = rs.getBigDecimal(i + 1);
            }
            return values;
        }
    }

    static long count(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i] instanceof String[] a ? c.createArrayOf("text", a) : args[i]);
        }
        return ps;
    }
}
