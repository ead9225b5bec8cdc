-- A team is (organization, team_id): its id is unique within its organization only, so two organizations may each
-- have team_platform. Until now team_id was one global key: one organization's ingest could register any unused id,
-- and answers told callers that an id belonged to somebody else.
--
-- Everything keyed by team gains org_id ahead of team_id: team's primary key, the exactly-once identities
-- (usage_event_key), every team-keyed rollup, the composite foreign keys of schedules, deliveries and the default
-- team, one schedule per (organization, team, report type), and the raw-event indexes the engine reads.
--
-- Today's team → organization mapping is unique (team_id was the primary key), so each row takes its team's
-- organization and the data migrates exactly. The big tables are copied rather than updated in place: no dead row
-- version per row, compact new indexes. Every row is kept; a row no organization can be found for stops the
-- migration (rolled back, nothing changed) instead of being guessed.

-- Ingest and workers of the previous version write these tables: keep them out until this commits. Afterwards their
-- statements fail on the new keys and roll back (a worker's batches stay pending), so nothing is lost or mixed.
lock table organization, team, usage_event_key, rollup_team, rollup_model, rollup_api_key, rollup_error, rollup_admin,
    report_schedule, report_delivery in exclusive mode;

-- 1. Teams only events know (no team row): registered to the organization of their events, as ingest would have.
create temporary table v16_unregistered_team on commit drop as
select distinct on (e.team_id) e.team_id, e.org_id
  from usage_event e
 where not exists (select 1 from team t where t.team_id = e.team_id)
 order by e.team_id, e.org_id;

insert into organization (org_id)
select distinct org_id from v16_unregistered_team
on conflict (org_id) do nothing;

insert into team (team_id, org_id, name, registered_by)
select team_id, org_id, team_id, 'ingest' from v16_unregistered_team;

-- 2. Exactly-once identities: (org_id, team_id, request_id). An identity whose team is unknown and whose event is gone
-- (older than the raw retention, so past the ingest window too: a retry would be refused anyway) protects nothing
-- and is left behind, with a notice.
create table usage_event_key_v16 (
    org_id     text not null,
    team_id    text not null,
    request_id text not null
);

do $$
declare
    copied bigint;
    total  bigint;
begin
    insert into usage_event_key_v16 (org_id, team_id, request_id)
    select t.org_id, k.team_id, k.request_id
      from usage_event_key k
      join team t on t.team_id = k.team_id;
    get diagnostics copied = row_count;
    select count(*) into total from usage_event_key;
    if copied <> total then
        raise notice 'usage_event_key: % identities of unknown teams without events are not kept', total - copied;
    end if;
end
$$;

drop table usage_event_key;
alter table usage_event_key_v16 rename to usage_event_key;
alter table usage_event_key add constraint usage_event_key_pkey primary key (org_id, team_id, request_id);

-- 3. Team-keyed rollups: org_id first (rows of teams that have no organization are left behind, see below). Same columns, defaults and grain checks as before, org_id ahead of them.
do $$
declare
    t      text;
    copied bigint;
    total  bigint;
begin
    foreach t in array array['rollup_team', 'rollup_model', 'rollup_api_key', 'rollup_error', 'rollup_admin'] loop
        execute format('create table %I (org_id text not null, like %I including defaults including constraints)'
                       ' with (fillfactor = 80)', t || '_v16', t);
        execute format('insert into %I select m.org_id, r.* from %I r join team m on m.team_id = r.team_id',
                       t || '_v16', t);
        get diagnostics copied = row_count;
        execute format('select count(*) from %I', t) into total;
        if copied <> total then
            -- A team with neither a team row nor events (ingest registers every team it stores events of, so only
            -- rows written around it, e.g. by tests, are like this) has no organization, and no API could read its
            -- rows: every read resolves its teams through the team table.
            raise notice '%: % rows of teams with no team row and no events (so no organization, unreadable) are not'
                         ' kept', t, total - copied;
        end if;
        execute format('drop table %I', t);
        execute format('alter table %I rename to %I', t || '_v16', t);
    end loop;
end
$$;

-- Owner first, then grain and time: one team's window is one index range, as before.
alter table rollup_team add constraint rollup_team_pkey primary key (org_id, team_id, grain, bucket_start);
alter table rollup_model
    add constraint rollup_model_pkey primary key (org_id, team_id, grain, bucket_start, provider, model);
alter table rollup_api_key add constraint rollup_api_key_owner_key
    unique nulls not distinct (org_id, team_id, grain, bucket_start, api_key_id);
alter table rollup_error add constraint rollup_error_pkey
    primary key (org_id, team_id, grain, bucket_start, provider, model, error_type);
alter table rollup_admin add constraint rollup_admin_owner_key
    unique nulls not distinct (org_id, team_id, grain, bucket_start, api_key_id, model, service_tier, context_window,
                               inference_geo);

-- 4. The team's own key, and what references it.
alter table organization drop constraint organization_default_team_fk;
alter table report_schedule drop constraint report_schedule_team_id_fkey,
    drop constraint report_schedule_team_id_report_type_key;
alter table report_delivery drop constraint report_delivery_team_id_fkey;

alter table team drop constraint team_pkey;
drop index team_org_idx;
alter table team add constraint team_pkey primary key (org_id, team_id);

-- A default team is one of the organization's own (the teams API never set another; a stray one is cleared).
update organization o
   set default_team_id = null
 where default_team_id is not null
   and not exists (select 1 from team t where t.org_id = o.org_id and t.team_id = o.default_team_id);
alter table organization add constraint organization_default_team_fk
    foreign key (org_id, default_team_id) references team (org_id, team_id);

-- One schedule per team and report type, per organization.
alter table report_schedule
    add constraint report_schedule_team_fk foreign key (org_id, team_id) references team (org_id, team_id),
    add constraint report_schedule_team_report_type_key unique (org_id, team_id, report_type);
alter table report_delivery
    add constraint report_delivery_team_fk foreign key (org_id, team_id) references team (org_id, team_id);

-- 5. Raw events: the indexes reports read lead with the owner, (org_id, team_id), as they led with team_id.
drop index usage_event_team_time_idx;
create index usage_event_team_time_idx on usage_event (org_id, team_id, occurred_at);
drop index usage_event_errors_idx;
create index usage_event_errors_idx on usage_event (org_id, team_id, occurred_at) where status = 'error';
drop index usage_event_slowest_idx;
create index usage_event_slowest_idx on usage_event (org_id, team_id, latency_ms desc, occurred_at desc);

analyze team, usage_event_key, rollup_team, rollup_model, rollup_api_key, rollup_error, rollup_admin;
