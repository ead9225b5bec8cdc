-- Rollups: usage_event folded into time buckets, one table per access path rather than one wide cube
-- (shared/notes/postgres-baseline.md: keys × models × statuses decide the row count, not the time grain).
--
-- grain: 900 (15 minutes), 3600 (1 hour), 86400 (1 UTC day). Every UTC offset in the tz database is a
-- multiple of 15 minutes, so any local day, hour or DST-shortened day is an exact union of 15-minute buckets;
-- the query engine covers each of its buckets with the coarsest whole rollup buckets that fit inside it.
-- Rows are keyed team first, then grain and time, so one team's window is one index range.
-- Dimension columns may be null (console traffic has no api key); the unique keys treat nulls as equal.

-- Per team × provider × model: counts, tokens, money and the latency sketch (reports, /calls/stats).
create table rollup_model (
    team_id                        text not null,
    grain                          integer not null check (grain in (900, 3600, 86400)),
    bucket_start                   timestamptz not null,
    provider                       text not null,
    model                          text not null,
    request_count                  bigint not null default 0,
    error_count                    bigint not null default 0,
    input_tokens                   bigint not null default 0,
    cache_read_input_tokens        bigint not null default 0,
    cache_creation_5m_input_tokens bigint not null default 0,
    cache_creation_1h_input_tokens bigint not null default 0,
    output_tokens                  bigint not null default 0,
    web_search_requests            bigint not null default 0,
    credits                        numeric(30, 6) not null default 0,
    cost_usd                       numeric(34, 12) not null default 0,
    cost_input_usd                 numeric(34, 12) not null default 0,
    cost_output_usd                numeric(34, 12) not null default 0,
    cost_cache_read_usd            numeric(34, 12) not null default 0,
    cost_cache_creation_5m_usd     numeric(34, 12) not null default 0,
    cost_cache_creation_1h_usd     numeric(34, 12) not null default 0,
    cost_web_search_usd            numeric(34, 12) not null default 0,
    unpriced_count                 bigint not null default 0,
    latency_sum                    bigint not null default 0,
    latency_min                    integer,
    latency_max                    integer,
    -- DDSketch (1% relative accuracy, sketches-java binary encoding) of latency_ms.
    latency_sketch                 bytea,
    primary key (team_id, grain, bucket_start, provider, model)
) with (fillfactor = 80);

-- Per team × api key: requests, errors, credits, money, tokens (by_api_key).
create table rollup_api_key (
    team_id       text not null,
    grain         integer not null check (grain in (900, 3600, 86400)),
    bucket_start  timestamptz not null,
    api_key_id    text,
    request_count bigint not null default 0,
    error_count   bigint not null default 0,
    input_tokens  bigint not null default 0,
    output_tokens bigint not null default 0,
    credits       numeric(30, 6) not null default 0,
    cost_usd      numeric(34, 12) not null default 0,
    unique nulls not distinct (team_id, grain, bucket_start, api_key_id)
) with (fillfactor = 80);

-- Per team × provider × model × error type: error counts (error reports).
create table rollup_error (
    team_id      text not null,
    grain        integer not null check (grain in (900, 3600, 86400)),
    bucket_start timestamptz not null,
    provider     text not null,
    model        text not null,
    error_type   text not null,
    error_count  bigint not null default 0,
    primary key (team_id, grain, bucket_start, provider, model, error_type)
) with (fillfactor = 80);

-- Per team × the admin usage & cost API's dimensions, UTC hours and days (its 1m buckets read raw events).
create table rollup_admin (
    team_id                        text not null,
    grain                          integer not null check (grain in (3600, 86400)),
    bucket_start                   timestamptz not null,
    api_key_id                     text,
    model                          text not null,
    service_tier                   text not null,
    context_window                 text,
    inference_geo                  text,
    request_count                  bigint not null default 0,
    input_tokens                   bigint not null default 0,
    cache_read_input_tokens        bigint not null default 0,
    cache_creation_5m_input_tokens bigint not null default 0,
    cache_creation_1h_input_tokens bigint not null default 0,
    output_tokens                  bigint not null default 0,
    web_search_requests            bigint not null default 0,
    cost_usd                       numeric(34, 12) not null default 0,
    cost_input_usd                 numeric(34, 12) not null default 0,
    cost_output_usd                numeric(34, 12) not null default 0,
    cost_cache_read_usd            numeric(34, 12) not null default 0,
    cost_cache_creation_5m_usd     numeric(34, 12) not null default 0,
    cost_cache_creation_1h_usd     numeric(34, 12) not null default 0,
    cost_web_search_usd            numeric(34, 12) not null default 0,
    unique nulls not distinct (team_id, grain, bucket_start, api_key_id, model, service_tier, context_window,
                               inference_geo)
) with (fillfactor = 80);
