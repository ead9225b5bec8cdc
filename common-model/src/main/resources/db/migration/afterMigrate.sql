-- Flyway runs this after every migrate, also when nothing was pending. On plain PostgreSQL it does nothing. On a Citus
-- coordinator (the citus extension is installed in the database) it places every table the migrations made that is
-- not placed yet, so tables added by later migrations are placed by the same list (deploy/SCALING.md §6):
--   distributed by org_id, co-located with usage_event: the events, their identities, every rollup, the slowest
--     requests and newest errors per team and day (slowest_request, newest_error) and the worker's queue
--     (ingest_batch), so one organization's ingest, fold and reports each touch one shard group on one node
--     (router queries, local transactions and snapshots);
--   reference (a copy on every node): the price book;
--   coordinator-local, known to Citus (citus_add_local_table_to_metadata, so they join distributed and reference
--     tables and keep their foreign keys): the small control tables.
-- A table the lists do not name stays a plain local table and is reported below: add it to a list.
-- The number of shards per distributed table is Citus' citus.shard_count (32 unless the database sets another).
do $$
declare
    distributed constant text[] := array['usage_event', 'usage_event_key',
        'rollup_team', 'rollup_model', 'rollup_api_key', 'rollup_error', 'rollup_admin',
        'rollup_org', 'rollup_org_model', 'rollup_org_error', 'ingest_batch', 'slowest_request',
        'newest_error'];
    reference   constant text[] := array['price'];
    coordinator constant text[] := array['organization', 'team', 'service_key', 'saved_report', 'report_schedule',
        'report_delivery', 'ingest_rate', 'audit_event', 'alert_rule', 'alert_event', 'alert_notification'];
    t       text;
    unnamed text;
    -- For a coordinator-local table replaced by a distributed copy (below).
    tmp     text;
    keys    text[];
    indexes text[];
    acl     aclitem[];
    seq_acl aclitem[];
    ident   text;
    next_id bigint;
    moved   bigint;
    d       text;
    g       record;
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
        -- A table an earlier version kept coordinator-local (ingest_batch until V36; in Citus' metadata, partmethod n,
        -- not a reference table): Citus refuses to distribute (or undistribute) a coordinator-local table with an
        -- identity column, so it is replaced by a copy with the same columns, defaults, identity (continuing after the
        -- highest value), constraints, keys and indexes (same names and definitions), privileges and rows, and that
        -- copy is distributed below. Under an exclusive lock, in this transaction: ingest and folds wait for it (a
        -- queue of thousands of batches takes seconds), pending batches stay pending; all or nothing. SCALING.md §6.
        if exists (select 1 from pg_dist_partition
                    where logicalrelid = to_regclass(t) and partmethod = 'n' and repmodel <> 't') then
            execute format('lock table %I in access exclusive mode', t);
            if exists (select 1 from pg_constraint where contype = 'f' and t::regclass in (conrelid, confrelid)) then
                raise exception 'Citus: % has foreign keys; move it to a distributed table by hand (SCALING.md §6)', t;
            end if;
            tmp := t || '_distributing';
            select coalesce(array_agg(format('alter table %I add constraint %I %s', t, conname,
                                             pg_get_constraintdef(oid)) order by conname), '{}')
              into keys
              from pg_constraint where conrelid = t::regclass and contype in ('p', 'u', 'x');
            select coalesce(array_agg(pg_get_indexdef(i.indexrelid) order by c.relname), '{}')
              into indexes
              from pg_index i join pg_class c on c.oid = i.indexrelid
             where i.indrelid = t::regclass
               and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid);
            select relacl into acl from pg_class where oid = t::regclass;
            select a.attname into ident from pg_attribute a
             where a.attrelid = t::regclass and a.attidentity <> '' and not a.attisdropped;
            if ident is not null then
                execute format('select coalesce(max(%I), 0) + 1 from %I', ident, t) into next_id;
                select relacl into seq_acl from pg_class where oid = pg_get_serial_sequence(t, ident)::regclass;
            end if;
            execute format('create table %I (like %I including defaults including identity including constraints'
                           ' including generated including storage including comments)', tmp, t);
            execute format('insert into %I overriding system value select * from %I', tmp, t);
            get diagnostics moved = row_count;
            execute format('drop table %I', t);
            execute format('alter table %I rename to %I', tmp, t);
            foreach d in array keys || indexes loop
                execute d;
            end loop;
            if ident is not null then
                execute format('alter table %I alter column %I restart with %s', t, ident, next_id);
                execute format('alter sequence %s rename to %I', pg_get_serial_sequence(t, ident), t || '_' || ident || '_seq');
            end if;
            for g in select 'table ' || quote_ident(t) as target, a.privilege_type, a.grantee from aclexplode(acl) a
                     union all
                     select 'sequence ' || pg_get_serial_sequence(t, ident), a.privilege_type, a.grantee
                       from aclexplode(seq_acl) a
            loop
                if g.grantee <> (select relowner from pg_class where oid = t::regclass) then
                    execute format('grant %s on %s to %s', g.privilege_type, g.target,
                                   case when g.grantee = 0 then 'public' else quote_ident(g.grantee::regrole::text) end);
                end if;
            end loop;
            perform create_distributed_table(t, 'org_id', colocate_with => 'usage_event');
            -- create_distributed_table copied the rows to the shards; the coordinator's own copy is dead weight.
            perform truncate_local_data_after_distributing_table(t);
            raise notice 'Citus: % was coordinator-local (an earlier version): % rows moved into its distributed copy',
                t, moved;
        elsif exists (select 1 from pg_dist_partition where logicalrelid = to_regclass(t) and partmethod <> 'h') then
            raise warning 'Citus: % is a reference table, not distributed by org_id (deploy/SCALING.md §6)', t;
        end if;
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
