package dev.gatewayreports.model.rollup;

import static dev.gatewayreports.testing.MigrationDatabase.execute;
import static dev.gatewayreports.testing.MigrationDatabase.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gatewayreports.testing.MigrationDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On a Citus coordinator (deploy/citus/run.sh test): an installation migrated the old way — up to V30 with the
 * placement of 7f6ecff, which kept the worker's queue {@code ingest_batch} coordinator-local — is migrated by the
 * current version (V35, V36, afterMigrate), and afterMigrate replaces the coordinator-local queue by a distributed one
 * co-located with {@code usage_event}: the same rows (pending ones still pending), indexes, constraints and grants,
 * and batch ids continuing after the highest. Citus cannot distribute the table in place (identity column). Each run
 * in a schema of its own. Skipped on plain PostgreSQL.
 */
class CitusQueueConversionTest {
    private static final MigrationDatabase DATABASE = new MigrationDatabase();

    /** Batches as ingest writes them: two organizations, every fourth still pending. */
    private static final String SEED = """
            insert into ingest_batch (org_id, received_at, event_count, min_occurred_at, max_occurred_at, rolled_up_at)
            select case when i % 3 = 0 then 'org_b' else 'org_a' end,
                   timestamptz '2026-12-01 00:00:00+00' + i * interval '1 minute', 100 + i,
                   timestamptz '2026-11-30 00:00:00+00' + i * interval '1 minute',
                   timestamptz '2026-11-30 01:00:00+00' + i * interval '1 minute',
                   case when i % 4 = 0 then null else timestamptz '2026-12-01 12:00:00+00' end
              from generate_series(1, 250) i;
            grant select on ingest_batch to public;
            """;

    private static final String ROWS = """
            select batch_id, org_id, received_at, event_count, min_occurred_at, max_occurred_at, rolled_up_at
              from ingest_batch order by batch_id""";
    private static final String INDEXES = """
            select c.relname, regexp_replace(pg_get_indexdef(i.indexrelid), '^.* USING ', '')
              from pg_index i join pg_class c on c.oid = i.indexrelid
             where i.indrelid = 'ingest_batch'::regclass order by 1""";
    private static final String GRANTS = """
            select a.privilege_type, a.grantee
              from pg_class t, aclexplode(t.relacl) a
             where t.oid = 'ingest_batch'::regclass order by 1, 2""";
    private static final String PLACEMENT = """
            select partmethod::text || repmodel::text || ':'
                   || (colocationid = (select colocationid from pg_dist_partition
                                        where logicalrelid = 'usage_event'::regclass))
              from pg_dist_partition where logicalrelid = 'ingest_batch'::regclass""";

    @BeforeAll
    static void startPostgres() {
        DATABASE.start();
    }

    @AfterAll
    static void stopPostgres() {
        DATABASE.stop();
    }

    @Test
    void shouldMoveACoordinatorLocalQueueToADistributedOneWithEveryRowAndIndex() throws Exception {
        try (Connection c = DATABASE.connect()) {
            assumeTrue(
                    rows(c, "select 1 from pg_extension where extname = 'citus'")
                                    .size()
                            == 1,
                    "not a Citus database");
        }
        String schema = "queue_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DATABASE.connect(schema)) {
            execute(c, "create schema if not exists " + schema);
            // The old way: the migrations of 7f6ecff (up to V30), then that version's afterMigrate.
            flyway(schema, "30", true).migrate();
            execute(c, resource("/citus/afterMigrate-before-V36.sql"));
            assertEquals(List.of(List.of("ns:false")), rows(c, PLACEMENT), "the old placement: coordinator-local");
            execute(c, SEED);
            List<List<Object>> before = rows(c, ROWS);
            List<List<Object>> grants = rows(c, GRANTS);
            assertEquals(250, before.size());

            // The current version: V35, V36 (the key organization first), then afterMigrate moves the queue.
            flyway(schema, null, false).migrate();

            assertEquals(List.of(List.of("hs:true")), rows(c, PLACEMENT), "distributed, co-located with usage_event");
            assertEquals(before, rows(c, ROWS), "every batch as it was, pending ones still pending");
            assertEquals(
                    62L,
                    rows(c, "select count(*) from ingest_batch where rolled_up_at is null")
                            .get(0)
                            .get(0));
            assertEquals(grants, rows(c, GRANTS), "the same grants");
            List<List<Object>> indexes = rows(c, INDEXES);
            assertEquals(
                    List.of(
                            List.of(
                                    "ingest_batch_errors_unkept_idx",
                                    "btree (org_id, max_occurred_at) WHERE (NOT errors_kept)"),
                            List.of("ingest_batch_pending_idx", "btree (batch_id) WHERE (rolled_up_at IS NULL)"),
                            List.of(
                                    "ingest_batch_pending_received_idx",
                                    "btree (received_at) WHERE (rolled_up_at IS NULL)"),
                            List.of("ingest_batch_pkey", "btree (org_id, batch_id)"),
                            List.of(
                                    "ingest_batch_unkept_idx",
                                    "btree (org_id, max_occurred_at) WHERE (NOT slowest_kept)")),
                    indexes,
                    "the same index names and definitions (V3, V20, V36, V37, V38)");
            assertEquals(
                    List.of(List.of(188L, 62L)),
                    rows(
                            c,
                            "select count(*) filter (where slowest_kept and errors_kept),"
                                    + " count(*) filter (where not slowest_kept and not errors_kept) from ingest_batch"),
                    "V37 and V38 marked the folded batches kept (the queue still coordinator-local then), not the"
                            + " pending");
            assertEquals(
                    List.of(List.of("p")),
                    rows(
                            c,
                            "select contype::text from pg_constraint where conrelid = 'ingest_batch'::regclass"
                                    + " and conname = 'ingest_batch_pkey'"));
            // New batches get ids after every old one, and land on the organization's shard (one node).
            List<List<Object>> added = rows(c, """
                    insert into ingest_batch (org_id, event_count, min_occurred_at, max_occurred_at)
                    values ('org_a', 1, now(), now()) returning batch_id""");
            assertEquals(251L, added.get(0).get(0));
            assertEquals(
                    "1",
                    rows(
                                    c,
                                    "select count(distinct nodeport)::text from citus_shards"
                                            + " where table_name = 'ingest_batch'::regclass and shardid ="
                                            + " get_shard_id_for_distribution_column('ingest_batch', 'org_a')")
                            .get(0)
                            .get(0));
            // The coordinator keeps no copy of the rows (truncated after distributing).
            assertEquals(
                    0L,
                    rows(c, "select pg_relation_size('ingest_batch')").get(0).get(0));
            // A second migrate changes nothing.
            flyway(schema, null, false).migrate();
            assertEquals(List.of(List.of("hs:true")), rows(c, PLACEMENT));
            assertEquals(251, rows(c, ROWS).size());
        } finally {
            DATABASE.dropSchema(schema);
        }
    }

    /**
     * The old way (up to V30, {@code skipCallbacks}: the old afterMigrate is run by hand), or the current version as
     * deploy/SCALING.md §6 says to migrate such an installation: the migrator's connection in Citus' sequential mode
     * ({@code options=-c citus.multi_shard_modify_mode=sequential} in the JDBC URL). Without it V35 fails there: its
     * function DDL follows a parallel DDL on the distributed usage_event in the same transaction, which Citus refuses.
     */
    private static Flyway flyway(String schema, String target, boolean skipCallbacks) {
        String url = DATABASE.url();
        if (target == null) {
            url += (url.contains("?") ? "&" : "?") + "options=-c%20citus.multi_shard_modify_mode%3Dsequential";
        }
        var config = Flyway.configure()
                .dataSource(url, DATABASE.user(), DATABASE.password())
                .schemas(schema)
                .locations("classpath:db/migration")
                .placeholders(Map.of("runtime_role", "none"))
                .skipDefaultCallbacks(skipCallbacks);
        if (target != null) {
            config.target(target);
        }
        return config.load();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = CitusQueueConversionTest.class.getResourceAsStream(name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
