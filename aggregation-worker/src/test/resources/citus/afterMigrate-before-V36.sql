-- Flyway runs this after every migrate, also when nothing was pending. On plain PostgreSQL it does nothing. On a Citus
-- coordinator (the citus extension is installed in the database) it places every table the migrations made that is
-- not placed yet, so tables added by later migrations are placed by the same list (deploy/SCALING.md §6):
--   distributed by org_id, co-located with usage_event: the events, their identities and every rollup, so one
--     organization's ingest, fold and reports each touch one shard (router queries);
--   reference (a copy on every node): the price book;
--   coordinator-local, known to Citus (citus_add_local_table_to_metadata, so they join distributed and reference
--     tables and keep their foreign keys): the small control tables and the worker's queue, ingest_batch, whose
--     FOR UPDATE SKIP LOCKED claims stay exactly what they are on one PostgreSQL.
-- A table the lists do not name stays a plain local table and is reported below: add it to a list.
-- The number of shards per distributed table is Citus' citus.shard_count (32 unless the database sets another).
do $$
declare
    distributed constant text[] := array['usage_event', 'usage_event_key',
        'rollup_team', 'rollup_model', 'rollup_api_key', 'rollup_error', 'rollup_admin',
        'rollup_org', 'rollup_org_model', 'rollup_org_error'];
    reference   constant text[] := array['price'];
    coordinator constant text[] := array['organization', 'team', 'service_key', 'saved_report', 'report_schedule',
        'report_delivery', 'ingest_rate', 'audit_event', 'alert_rule', 'alert_event', 'alert_notification',
        'ingest_batch'];
    t       text;
    unnamed text;
begin
    if not exists (select 1 from pg_extension where extname = 'citus') then
        return;
    end if;
    -- One connection per worker for this transaction: Citus refuses to change local tables after a parallel
    -- (multi-connection) operation on distributed ones in the same transaction.
    perform set_config('citus.multi_shard_modify_mode', 'sequential', true);
    -- Coordinator-local first: a reference table's foreign key to one of them would otherwise add it on its own, marked
    -- as converted automatically (Citus turns such tables back into plain ones when the key goes).
    foreach t in array coordinator loop
        if to_regclass(t) is not null and not exists (select 1 from pg_dist_partition where logicalrelid = t::regclass) then
            perform citus_add_local_table_to_metadata(t, cascade_via_foreign_keys => true);
        end if;
    end loop;
    -- A reference table may have been added above as coordinator-local (its foreign key to organization joined it to
    -- that group): it becomes a reference table from there.
    foreach t in array reference loop
        if to_regclass(t) is not null
           and not exists (select 1 from pg_dist_partition where logicalrelid = t::regclass and repmodel = 't') then
            perform create_reference_table(t);
        end if;
    end loop;
    foreach t in array distributed loop
        if to_regclass(t) is not null and not exists (select 1 from pg_dist_partition where logicalrelid = t::regclass) then
            if t = 'usage_event' then
                perform create_distributed_table(t, 'org_id');
            else
                perform create_distributed_table(t, 'org_id', colocate_with => 'usage_event');
            end if;
        end if;
    end loop;
    -- Tables of this schema no list names (partitions follow their parent; Flyway's history stays local).
    select string_agg(c.relname, ', ' order by c.relname) into unnamed
      from pg_class c
     where c.relnamespace = current_schema()::regnamespace
       and c.relkind in ('r', 'p')
       and not c.relispartition
       and c.relname <> 'flyway_schema_history'
       and not exists (select 1 from pg_dist_partition p where p.logicalrelid = c.oid);
    if unnamed is not null then
        raise warning 'Citus: tables not placed (add them to afterMigrate.sql): %', unnamed;
    end if;
end
$$;
