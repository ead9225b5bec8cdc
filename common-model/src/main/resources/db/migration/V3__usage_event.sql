-- Usage events: one row per request the gateway served.
--
-- usage_event is range-partitioned by occurred_at into UTC days, so raw retention is a DROP of old partitions.
-- A unique index on a partitioned table must contain the partition key, so (team_id, request_id) could only be
-- unique per day there; usage_event_key holds the identity of every event ever accepted instead, and ingest
-- inserts there first (ON CONFLICT DO NOTHING): a retry that arrives next month is still a duplicate.

create table usage_event_key (
    team_id    text not null,
    request_id text not null,
    primary key (team_id, request_id)
);

-- One row per ingest call that stored at least one event: the unit of work the aggregation worker claims.
create table ingest_batch (
    batch_id         bigint generated always as identity primary key,
    org_id           text not null,
    received_at      timestamptz not null default now(),
    event_count      integer not null,
    min_occurred_at  timestamptz not null,
    max_occurred_at  timestamptz not null,
    rolled_up_at     timestamptz
);

create index ingest_batch_pending_idx on ingest_batch (batch_id) where rolled_up_at is null;

create table usage_event (
    team_id                        text not null,
    occurred_at                    timestamptz not null,
    request_id                     text not null,
    ingest_batch_id                bigint not null,
    org_id                         text not null,
    provider                       text not null,
    model                          text not null,
    status                         text not null check (status in ('success', 'error')),
    latency_ms                     integer not null check (latency_ms >= 0),
    api_key_id                     text,
    user_id                        text,
    run_id                         text,
    op_name                        text,
    trace_id                       text,
    parent_id                      text,
    thread_id                      text,
    turn_id                        text,
    input_refs                     text[],
    output_refs                    text[],
    service_tier                   text not null check (service_tier in ('standard', 'batch', 'priority', 'flex')),
    context_window                 text check (context_window in ('0-200k', '200k-1M')),
    inference_geo                  text,
    http_status                    integer,
    error_type                     text check (error_type in ('rate_limit', 'timeout', 'provider_error',
                                                              'invalid_request', 'content_filter', 'auth', 'other')),
    error_message                  text,
    input_tokens                   bigint not null default 0,
    cache_read_input_tokens        bigint not null default 0,
    cache_creation_5m_input_tokens bigint not null default 0,
    cache_creation_1h_input_tokens bigint not null default 0,
    output_tokens                  bigint not null default 0,
    web_search_requests            bigint not null default 0,
    credits                        numeric(24, 6),
    -- cost_usd: as reported by the gateway ('reported'), or the sum of the components below ('price_book');
    -- null when the event has no cost and its model is not in the price book ('unpriced').
    cost_usd                       numeric(30, 12),
    cost_source                    text not null check (cost_source in ('reported', 'price_book', 'unpriced')),
    cost_input_usd                 numeric(30, 12),
    cost_output_usd                numeric(30, 12),
    cost_cache_read_usd            numeric(30, 12),
    cost_cache_creation_5m_usd     numeric(30, 12),
    cost_cache_creation_1h_usd     numeric(30, 12),
    cost_web_search_usd            numeric(30, 12),
    ingested_at                    timestamptz not null default now()
) partition by range (occurred_at);

-- Team + time first: every report reads one team (or one organization's teams) over a window.
create index usage_event_team_time_idx on usage_event (team_id, occurred_at);
-- The aggregation worker reads the events of the batches it claimed.
create index usage_event_batch_idx on usage_event (ingest_batch_id);

-- Creates the daily partitions covering [from_day, to_day] that do not exist yet; returns how many it made.
-- Serialised by an advisory lock so concurrent callers (replicas, ingest) never race on the same name.
create function usage_event_ensure_partitions(from_day date, to_day date) returns integer
    language plpgsql as
$$
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
            made := made + 1;
        end if;
        d := d + 1;
    end loop;
    return made;
end
$$;

-- Drops the daily partitions that end on or before before_day; returns how many it dropped.
create function usage_event_drop_partitions_before(before_day date) returns integer
    language plpgsql as
$$
declare
    part    record;
    dropped integer := 0;
begin
    perform pg_advisory_xact_lock(hashtext('usage_event_partitions'));
    for part in
        select c.relname
        from pg_inherits i
        join pg_class c on c.oid = i.inhrelid
        where i.inhparent = 'usage_event'::regclass
          and c.relname ~ '^usage_event_p[0-9]{8}$'
          and to_date(substr(c.relname, 14), 'YYYYMMDD') < before_day
    loop
        execute format('drop table %I', part.relname);
        dropped := dropped + 1;
    end loop;
    return dropped;
end
$$;

-- The daily partitions that exist, for callers that cache them.
create view usage_event_partition_day as
select to_date(substr(c.relname, 14), 'YYYYMMDD') as day
from pg_inherits i
join pg_class c on c.oid = i.inhrelid
where i.inhparent = 'usage_event'::regclass
  and c.relname ~ '^usage_event_p[0-9]{8}$';
