-- The batch index (V7) per daily partition instead of on the partitioned parent. A parent-level index makes every
-- partition carry its copy for good: on Citus a closed partition could not be turned columnar (columnar tables take
-- only btree and hash indexes, and a partition's copy of a parent's index cannot be dropped; deploy/SCALING.md §6).
-- Same index on every heap partition as before (BRIN on ingest_batch_id, 16 pages per range), now made by
-- usage_event_ensure_partitions with the partition; reads are unchanged (the planner uses each partition's own
-- index). On plain PostgreSQL nothing else changes.

drop index usage_event_batch_brin;

do $$
declare
    part record;
begin
    for part in
        select c.relname
          from pg_inherits i
          join pg_class c on c.oid = i.inhrelid
         where i.inhparent = 'usage_event'::regclass
    loop
        execute format('create index %I on %I using brin (ingest_batch_id) with (pages_per_range = 16)',
                       part.relname || '_batch_brin', part.relname);
    end loop;
end
$$;

-- The function as V3 made it, plus the index. CREATE OR REPLACE resets SECURITY DEFINER and SET search_path, which
-- V19's grant_runtime_role may have given it: they are put back as they were (owner and grants stay).
do $$
declare
    secdef boolean;
    config text[];
begin
    select prosecdef, proconfig into secdef, config
      from pg_proc where oid = 'usage_event_ensure_partitions(date, date)'::regprocedure;

    create or replace function usage_event_ensure_partitions(from_day date, to_day date) returns integer
        language plpgsql as
    $fn$
    declare
        d       date := from_day;
        made    integer := 0;
        part    text;
    begin
        perform pg_advisory_xact_lock(hashtext('usage_event_partitions'));
        while d <= to_day loop
            part := 'usage_event_p' || to_char(d, 'YYYYMMDD');
            if to_regclass(part) is null then
                execute format('create table %I partition of usage_event for values from (%L) to (%L)',
                               part, (d::timestamp at time zone 'UTC'), ((d + 1)::timestamp at time zone 'UTC'));
                execute format('create index %I on %I using brin (ingest_batch_id) with (pages_per_range = 16)',
                               part || '_batch_brin', part);
                made := made + 1;
            end if;
            d := d + 1;
        end loop;
        return made;
    end
    $fn$;

    if secdef then
        alter function usage_event_ensure_partitions(date, date) security definer;
    end if;
    for i in 1 .. coalesce(array_length(config, 1), 0) loop
        execute format('alter function usage_event_ensure_partitions(date, date) set %s = %s',
                       split_part(config[i], '=', 1), substr(config[i], strpos(config[i], '=') + 1));
    end loop;
end
$$;

-- Closed daily partitions of usage_event in columnar storage, where the database has it (Citus' citus_columnar;
-- deploy/SCALING.md §6). usage_event_set_columnar_before(before_day) turns every heap partition of a day before
-- before_day columnar and answers how many it turned; it does nothing (0) where the columnar access method is not
-- installed, so plain PostgreSQL is unchanged. The worker's retention calls it when aggregation.columnar-after-days is
-- set, with a cut-off past ingest's window (reports.ingest.max-age): columnar takes COPY and INSERT but no UPDATE,
-- DELETE or ON CONFLICT, and nothing updates or deletes raw events (retention drops whole partitions; folds and
-- rebuilds only read them), so a late event would still be accepted, only stored less compactly.
--
-- A columnar table takes only btree and hash indexes: the partition's BRIN batch index (above) goes first. The fold
-- reads only recent batches, and columnar's per-chunk min/max skips chunks as the BRIN did.
--
-- On Citus each partition goes through alter_table_set_access_method (which detaches it, rewrites its shards and
-- attaches it again: usage_event is locked meanwhile, seconds per day of 333k events); on PostgreSQL with
-- citus_columnar alone, ALTER TABLE … SET ACCESS METHOD. Serialised with the other partition functions.
create function usage_event_set_columnar_before(before_day date) returns integer
    language plpgsql as
$$
declare
    part    record;
    turned  integer := 0;
    citus   boolean := exists (select 1 from pg_extension where extname = 'citus');
begin
    if not exists (select 1 from pg_am where amname = 'columnar') then
        return 0;
    end if;
    perform pg_advisory_xact_lock(hashtext('usage_event_partitions'));
    for part in
        select c.relname
          from pg_inherits i
          join pg_class c on c.oid = i.inhrelid
          join pg_am a on a.oid = c.relam
         where i.inhparent = 'usage_event'::regclass
           and a.amname = 'heap'
           and c.relname ~ '^usage_event_p[0-9]{8}$'
           and to_date(substr(c.relname, 14), 'YYYYMMDD') < before_day
         order by c.relname
    loop
        execute format('drop index if exists %I', part.relname || '_batch_brin');
        if citus then
            perform alter_table_set_access_method(part.relname::regclass, 'columnar');
        else
            execute format('alter table %I set access method columnar', part.relname);
        end if;
        turned := turned + 1;
    end loop;
    return turned;
end
$$;

-- Like the other partition functions once V19's grant_runtime_role has run: it runs as its owner (who owns the
-- partitions) with a fixed search_path, and only the owner and the runtime role may call it (grant_runtime_role, run
-- later, grants it with every function of the schema).
do $$
declare
    s name := current_schema();
begin
    execute format('alter function %I.usage_event_set_columnar_before(date) security definer set search_path = %I, pg_temp',
                   s, s);
    execute format('revoke execute on function %I.usage_event_set_columnar_before(date) from public', s);
    if '${runtime_role}' not in ('', 'none') then
        execute format('grant execute on function %I.usage_event_set_columnar_before(date) to %I', s, '${runtime_role}');
    end if;
end
$$;
