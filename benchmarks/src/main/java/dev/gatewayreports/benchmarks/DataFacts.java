package dev.gatewayreports.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The machine and the data the figures were measured on. */
final class DataFacts {

    private static final String ROLLUP_TABLES = """
            select tablename from pg_tables where schemaname = current_schema() and tablename like 'rollup\\_%'
            order by tablename""";

    /** One fact: what and its value. */
    record Fact(String name, String value) {}

    /** Bytes per event, as a figure, and where they are, table by table. */
    record Storage(double bytesPerEvent, String figure, String tables) {}

    private DataFacts() {}

    static List<Fact> machine(Connection c) throws SQLException {
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact(
                "CPU cores (JVM view)", String.valueOf(Runtime.getRuntime().availableProcessors())));
        facts.add(new Fact("memory", memory()));
        facts.add(new Fact("PostgreSQL", text(c, "select version()").replaceAll(" on .*", "")));
        facts.add(new Fact("PostgreSQL settings", text(c, """
                        select string_agg(name || '=' || setting || coalesce(unit, ''), ', ' order by name)
                        from pg_settings where name in ('shared_buffers', 'work_mem', 'max_parallel_workers_per_gather',
                            'jit', 'synchronous_commit', 'effective_cache_size')""")));
        facts.add(
                new Fact("JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")));
        return facts;
    }

    /**
     * The data's rows and sizes. Row counts are plain {@code count(*)}, which a Citus coordinator runs over every
     * shard; sizes come from {@link #totalSize}, so on Citus they are the shards' on the workers, not the
     * coordinator's empty shells.
     */
    static List<Fact> data(Connection c) throws SQLException {
        boolean citus = citus(c);
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("usage_event rows", String.format("%,d", number(c, "select count(*) from usage_event"))));
        facts.add(new Fact(
                "usage_event size (heap + indexes, all partitions)",
                text(
                        c,
                        "select pg_size_pretty(sum("
                                + totalSize(citus, "inhrelid") + ")) || ' in ' || count(*) || ' daily partitions'"
                                + " from pg_inherits where inhparent = 'usage_event'::regclass")));
        facts.add(new Fact(
                "usage_event_key size (exactly-once identities)",
                text(c, "select pg_size_pretty(" + totalSize(citus, "'usage_event_key'::regclass") + ")")));
        for (String table : rollupTables(c)) {
            facts.add(new Fact(table + " rows / size", rollup(c, table, citus)));
        }
        return facts;
    }

    /** Whether the database is a Citus coordinator (its metadata table exists). */
    static boolean citus(Connection c) throws SQLException {
        return number(c, "select (to_regclass('pg_dist_partition') is not null)::int") == 1;
    }

    /**
     * SQL for the size of a table (heap, indexes, TOAST) given as an oid expression: {@code pg_total_relation_size},
     * and on a Citus coordinator {@code citus_total_relation_size} for a distributed or reference table, whose own
     * relation there is an empty shell (its shards are on the workers).
     */
    static String totalSize(boolean citus, String oid) {
        return citus
                ? "case when " + oid + " in (select logicalrelid from pg_dist_partition)"
                        + " then citus_total_relation_size(" + oid + ") else pg_total_relation_size(" + oid + ") end"
                : "pg_total_relation_size(" + oid + ")";
    }

    /**
     * Bytes per event: every table of the schema (heap + indexes + TOAST; partitions counted under their parent; on
     * Citus, a distributed table's shards) ÷ the events in usage_event, with the tables largest first (those under
     * 1 MiB summed).
     */
    static Storage bytesPerEvent(Connection c, long events) throws SQLException {
        // On a Citus coordinator a distributed table's own size is its empty shell: its shards are on the workers.
        String size = totalSize(citus(c), "t.oid");
        String sql = "select coalesce(p.relname, t.relname), sum(" + size + ") " + """
                from pg_class t
                join pg_namespace n on n.oid = t.relnamespace
                left join pg_inherits i on i.inhrelid = t.oid
                left join pg_class p on p.oid = i.inhparent
                where n.nspname = current_schema() and t.relkind in ('r', 'm')
                group by 1 order by 2 desc, 1""";
        long total = 0;
        long small = 0;
        int smallTables = 0;
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                long bytes = rs.getLong(2);
                total += bytes;
                if (bytes >= 1 << 20) {
                    tables.add(String.format(
                            "%s %,d MiB (%,.0f B/event)",
                            rs.getString(1), bytes >> 20, (double) bytes / Math.max(1, events)));
                } else {
                    small += bytes;
                    smallTables++;
                }
            }
        }
        tables.add(String.format("%d smaller tables %,d KiB", smallTables, small >> 10));
        double perEvent = (double) total / Math.max(1, events);
        return new Storage(
                perEvent,
                String.format("%,.0f B/event (%,d MiB for %,d events)", perEvent, total >> 20, events),
                String.join(", ", tables));
    }

    /** Every rollup table of this schema version, whatever the migrations have added. */
    static List<String> rollupTables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(ROLLUP_TABLES)) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    private static String rollup(Connection c, String table, boolean citus) throws SQLException {
        String sql = "select grain, count(*) from " + table + " group by grain order by grain";
        List<String> grains = new ArrayList<>();
        long total = 0;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                total += rs.getLong(2);
                grains.add(String.format("%,d at %ds", rs.getLong(2), rs.getInt(1)));
            }
        }
        String size = text(c, "select pg_size_pretty(" + totalSize(citus, "'" + table + "'::regclass") + ")");
        return String.format("%,d rows (%s) / %s", total, String.join(", ", grains), size);
    }

    private static String memory() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(line.replaceAll("\\D", ""));
                    return String.format("%.1f GiB", kb / 1024.0 / 1024.0);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: leave it out
        }
        return "unknown";
    }

    static String text(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : "";
        }
    }

    static long number(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
