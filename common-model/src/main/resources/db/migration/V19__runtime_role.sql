-- Separate migrator and runtime roles. The migration Job logs in as the migrator, which owns the schema's objects
-- (and the database); the three services log in as the runtime role, which gets DML on every table, sequence and
-- view, EXECUTE on the functions, and no DDL right at all. The only DDL the services cause at run time — daily
-- partitions of usage_event made by ingest, and dropped by the worker's retention — goes through two functions that
-- run as their owner (SECURITY DEFINER, with a fixed search_path so no caller can slip in objects of its own).
--
-- The runtime role is the Flyway placeholder runtime_role (QUARKUS_FLYWAY_PLACEHOLDERS_RUNTIME_ROLE). `none`, the
-- services' default (a role name PostgreSQL reserves), or empty (tests, the local run, installations with one user for
-- everything): this migration only creates the procedure below and changes no privilege. An installation that splits its roles later runs, as the migrator:
--   call grant_runtime_role('gateway_reports_app');

create procedure grant_runtime_role(runtime name)
    language plpgsql as
$$
declare
    s name := current_schema();
    f text;
begin
    if runtime is null or runtime = '' then
        raise exception 'grant_runtime_role: no role given';
    end if;
    if not exists (select 1 from pg_roles where rolname = runtime) then
        raise exception 'grant_runtime_role: role % does not exist; create it first (LOGIN, no other attributes)', runtime;
    end if;
    if runtime = current_user then
        raise exception 'grant_runtime_role: % is the migrator itself; the runtime role must be another role', runtime;
    end if;

    execute format('grant usage on schema %I to %I', s, runtime);
    execute format('grant select, insert, update, delete on all tables in schema %I to %I', s, runtime);
    execute format('grant usage, select, update on all sequences in schema %I to %I', s, runtime);
    execute format('grant execute on all functions in schema %I to %I', s, runtime);
    -- What later migrations create, and the partitions usage_event_ensure_partitions makes (as the migrator, its
    -- owner), is granted the same way.
    execute format('alter default privileges in schema %I grant select, insert, update, delete on tables to %I',
                   s, runtime);
    execute format('alter default privileges in schema %I grant usage, select, update on sequences to %I', s, runtime);
    execute format('alter default privileges in schema %I grant execute on functions to %I', s, runtime);

    -- The DDL the services need runs as the owner of the functions; only the runtime role (and the owner) may call them.
    foreach f in array array['usage_event_ensure_partitions(date, date)', 'usage_event_drop_partitions_before(date)'] loop
        execute format('alter function %I.%s security definer set search_path = %I, pg_temp', s, f, s);
        execute format('revoke execute on function %I.%s from public', s, f);
        execute format('grant execute on function %I.%s to %I', s, f, runtime);
    end loop;
    execute format('revoke execute on procedure %I.grant_runtime_role(name) from %I', s, runtime);

    -- PostgreSQL 15+ gives PUBLIC no CREATE on the public schema; older servers (or an explicit grant) do.
    if has_schema_privilege(runtime, s, 'CREATE') then
        if pg_has_role((select nspowner from pg_namespace where nspname = s), 'USAGE') then
            execute format('revoke create on schema %I from public', s);
            execute format('revoke create on schema %I from %I', s, runtime);
        end if;
        if has_schema_privilege(runtime, s, 'CREATE') then
            raise warning 'grant_runtime_role: % can still create objects in schema % (a grant through another role)',
                runtime, s;
        end if;
    end if;
    raise notice 'grant_runtime_role: % may now read and write schema % and call its functions, without DDL', runtime, s;
end
$$;

revoke execute on procedure grant_runtime_role(name) from public;

do $$
begin
    if '${runtime_role}' not in ('', 'none') then
        call grant_runtime_role('${runtime_role}');
    else
        raise notice 'V19: no runtime role (placeholder runtime_role is none): privileges unchanged';
    end if;
end
$$;
