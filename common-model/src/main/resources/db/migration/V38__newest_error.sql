-- The newest errors of each organization, team and UTC day, kept by the fold (deploy/SCALING.md §6, "Newest errors
-- kept by the fold (session 12)"). The report's newest-errors list read raw error events newest first
-- (usage_event_errors_idx, one index scan per team and daily partition); over columnar partitions on Citus that read
-- took 7.6 s for one team at 10M events, and it is what kept aggregation.columnar-after-days unset. Now whole UTC days
-- of the window are read from here (plus the raw errors of batches still pending), and only the partial days at the
-- window's edges from raw events. The same design as slowest_request (V37), for the other list.
--
-- Per (org_id, team_id, UTC date of occurred_at) at least the 100 newest folded error events (status = 'error') in the
-- report's order (occurred_at desc, request_id desc); more for a moment when two folds of the same team-day trim without
-- seeing each other (never fewer: dev.gatewayreports.model.rollup.KeptList). A batch's errors are here exactly when its
-- ingest_batch.errors_kept is true (below), set in the transaction that adds them. Heap, never columnar (every fold
-- rewrites it); on Citus distributed by org_id, co-located with usage_event (afterMigrate.sql).
--
-- Upgrade during a rolling update: V37's workers keep folding after this ran and mark a batch folded and slowest_kept
-- without adding its errors here. So being here is tied to errors_kept, a flag of its own that only this version's fold,
-- its repair (KeptList.repair) and this backfill set: the report reads the raw errors of every batch not kept.
-- The backfill reads every folded error event once; like V37's it may outlast the services' 30 s statement_timeout
-- that the migrate Job inherits, so this migration's transaction alone runs without one.
set local statement_timeout = 0;

create table newest_error (
    occurred_at   timestamptz not null,
    org_id        text not null,
    team_id       text not null,
    request_id    text not null,
    provider      text not null,
    model         text not null,
    error_type    text,
    http_status   integer,
    latency_ms    integer not null,
    error_message text
);

-- One index serves all: the report's read (per team, newest first, the whole days as a range of occurred_at), the
-- fold's trim (a team-day is a range of occurred_at of one team), a rebuild's and retention's deletes (a range of
-- occurred_at), so no day column and no second index. Without the request id, which only breaks ties of occurred_at (an
-- incremental sort of a few rows): at 1M events (32,812 rows) 5.3 MB with it, 1.7 MB without; not unique (V37: a unique
-- key held 68 MB where the day index held 2.9 MB).
create index newest_error_read_idx on newest_error (org_id, team_id, occurred_at desc);

-- Whether the batch's errors are in newest_error. Only batches not kept are indexed: the pending ones and, during a
-- rollout, those a V37 (or older) worker folded (the report's raw read of whole days, the repair's claim).
alter table ingest_batch add column errors_kept boolean not null default false;
create index ingest_batch_errors_unkept_idx on ingest_batch (org_id, max_occurred_at) where not errors_kept;

-- The backfill, as V37's: the folded batches marked first, the errors of the marked ones read (a batch an old worker
-- folds meanwhile, committing after the update's snapshot, stays not kept, for the repair), the batches as a plain IN
-- list of ids (Citus: ingest_batch may still be coordinator-local here, see V37), the 100 newest per organization, team
-- and UTC day in one sort of the folded errors.
update ingest_batch set errors_kept = true where rolled_up_at is not null;
set local work_mem = '256MB';
insert into newest_error (occurred_at, org_id, team_id, request_id, provider, model, error_type, http_status,
                          latency_ms, error_message)
select occurred_at, org_id, team_id, request_id, provider, model, error_type, http_status, latency_ms, error_message
  from (select e.occurred_at, e.org_id, e.team_id, e.request_id, e.provider, e.model, e.error_type, e.http_status,
               e.latency_ms, e.error_message,
               row_number() over (partition by e.org_id, e.team_id, (e.occurred_at at time zone 'UTC')::date
                                  order by e.occurred_at desc, e.request_id desc) as rn
          from usage_event e
         where e.status = 'error'
           and e.ingest_batch_id in (select b.batch_id from ingest_batch b where b.errors_kept)) c
 where rn <= 100;
