-- The slowest requests of each organization, team and UTC day, kept by the fold (deploy/SCALING.md §6, "Slowest
-- requests kept by the fold"). The report's slowest-requests list read every raw event of the window in latency order
-- (usage_event_slowest_idx, one index scan per team and daily partition); over columnar partitions on Citus that read
-- took 13–22 s at 10M events. Now whole UTC days of the window are read from here (plus the raw events of batches still
-- pending), and only the partial days at the window's edges from raw events.
--
-- Per (org_id, team_id, day = UTC date of occurred_at) at least the 100 slowest folded events in the report's order
-- (latency_ms desc, occurred_at desc, request_id); more for a moment when two folds of the same team-day trim without
-- seeing each other (never fewer: dev.gatewayreports.model.rollup.SlowestFold). A batch's events are here exactly when
-- its ingest_batch.slowest_kept is true (below), set in the transaction that adds them. Heap, never columnar (it is rewritten by every
-- fold); on Citus distributed by org_id, co-located with usage_event (afterMigrate.sql).
--
-- This is V37, not V31: an installation at V36 would refuse a lower version than its last one (Flyway's validation:
-- "resolved migration not applied"), so the next number after V36.
--
-- Upgrade during a rolling update: the previous version's workers keep folding after this ran (deploy/README.md: old
-- pods keep serving), and they mark a batch folded without adding its rows here. So being here is not tied to
-- rolled_up_at but to slowest_kept, which only this version's fold (and this backfill) sets: the report reads the raw
-- events of every batch not kept (pending, or folded by an old worker), and this version's workers add the rows of
-- batches folded by an old one and mark them kept (SlowestFold.repair). Exact at every moment of the rollout.
-- The backfill below reads every folded event once: 83 s on Citus and 186 s on one PostgreSQL at 10M events (session
-- 11), past the services' 30 s statement_timeout that the migrate Job inherits (report-api's datasource options). This
-- migration's transaction alone runs without one.
set local statement_timeout = 0;

create table slowest_request (
    day         date not null,
    latency_ms  integer not null,
    occurred_at timestamptz not null,
    org_id      text not null,
    team_id     text not null,
    request_id  text not null,
    provider    text not null,
    model       text not null,
    status      text not null
);

-- The fold's trim finds a team-day's rows by this (a rebuild and retention by day). Not unique on the request id: an
-- event is folded once, and a key holding it was 68 MB beside this one's 2.9 MB for 390,000 rows (1,300 keys of 100
-- rows each: PostgreSQL's btree deduplication keeps one entry per key and page).
create index slowest_request_day_idx on slowest_request (org_id, team_id, day);

-- The report's read: per team, in the report's order, the whole days of the window as a range of occurred_at (the
-- day is the UTC date of occurred_at, so [first day, end day) is the same rows); at most the list's length per team.
-- 50 teams × 39 days × 100 rows of one organization (390,000 rows in all), a 30-day window of every team: 32 ms
-- through this index (5,261 buffers), 2.2 s without it (the day index, every team-day's rows sorted).
create index slowest_request_read_idx on slowest_request (org_id, team_id, latency_ms desc, occurred_at desc, request_id);

-- Whether the batch's events are in slowest_request. Only batches not kept are indexed: the pending ones and, during a
-- rollout, those an old worker folded (the report's raw read of whole days, the repair's claim).
alter table ingest_batch add column slowest_kept boolean not null default false;
create index ingest_batch_unkept_idx on ingest_batch (org_id, max_occurred_at) where not slowest_kept;

-- The backfill: every event of an already-folded batch, the 100 slowest per organization, team and UTC day. Pending
-- batches are left to the workers' folds. The batches are marked first and the events read of the marked ones: a
-- batch an old worker folds meanwhile (its commit after the update's snapshot) stays not kept, for the repair. One sort of the folded events (on Citus a sort per shard on the workers, the
-- window partitioned by the distribution column). The folded batches as a plain IN list of ids (batch_id is unique, an
-- identity), not a correlated EXISTS: on a Citus installation of 7f6ecff or before, ingest_batch is still
-- coordinator-local when this runs (afterMigrate distributes it afterwards), and Citus refuses a correlated join of it
-- with the distributed usage_event ("direct joins between distributed and local tables are not supported",
-- CitusQueueConversionTest); the IN list it plans as an intermediate result, on one PostgreSQL it is a hashed semi-join.
update ingest_batch set slowest_kept = true where rolled_up_at is not null;
set local work_mem = '256MB';
insert into slowest_request (day, latency_ms, occurred_at, org_id, team_id, request_id, provider, model, status)
select day, latency_ms, occurred_at, org_id, team_id, request_id, provider, model, status
  from (select (e.occurred_at at time zone 'UTC')::date as day, e.latency_ms, e.occurred_at, e.org_id, e.team_id,
               e.request_id, e.provider, e.model, e.status,
               row_number() over (partition by e.org_id, e.team_id, (e.occurred_at at time zone 'UTC')::date
                                  order by e.latency_ms desc, e.occurred_at desc, e.request_id) as rn
          from usage_event e
         where e.ingest_batch_id in (select b.batch_id from ingest_batch b where b.slowest_kept)) c
 where rn <= 100;
