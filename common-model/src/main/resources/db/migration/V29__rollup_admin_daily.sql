-- rollup_admin keeps UTC days only. Its hourly rows were 80% of it (10M events: 5.86M of 7.34M rows, 3.2 GB in all)
-- and saved little: an hour of one team rarely repeats the same api key × model × tier × context window × geo, so
-- 168 hours of hourly rows were about as many rows as the raw events they summed. The admin usage report's `1h`
-- buckets are now read from raw events, as its `1m` buckets always were; `1d` buckets (both admin reports) still
-- read these rows.
--
-- The table is copied rather than deleted from: no dead hourly rows left behind, a compact new unique index. The
-- columns are laid out fixed-width first (timestamps and counts, then the grain), text and numeric after, so no row
-- pays alignment padding between a text and a bigint, and copied in owner and day order, so one team's days lie
-- together. Same columns, defaults and unique key as before.

-- Workers of the previous version write hourly rows: keep them out until this commits. Afterwards the grain check
-- refuses their hourly rows and their cycle rolls back (its batches stay pending for this version's workers).
lock table rollup_admin in exclusive mode;

create table rollup_admin_v29 (
    bucket_start                   timestamptz not null,
    request_count                  bigint not null default 0,
    input_tokens                   bigint not null default 0,
    cache_read_input_tokens        bigint not null default 0,
    cache_creation_5m_input_tokens bigint not null default 0,
    cache_creation_1h_input_tokens bigint not null default 0,
    output_tokens                  bigint not null default 0,
    web_search_requests            bigint not null default 0,
    grain                          integer not null constraint rollup_admin_grain_check check (grain = 86400),
    org_id                         text not null,
    team_id                        text not null,
    api_key_id                     text,
    model                          text not null,
    service_tier                   text not null,
    context_window                 text,
    inference_geo                  text,
    code_execution_hours           numeric(30, 6) not null default 0,
    cost_usd                       numeric(34, 12) not null default 0,
    cost_input_usd                 numeric(34, 12) not null default 0,
    cost_output_usd                numeric(34, 12) not null default 0,
    cost_cache_read_usd            numeric(34, 12) not null default 0,
    cost_cache_creation_5m_usd     numeric(34, 12) not null default 0,
    cost_cache_creation_1h_usd     numeric(34, 12) not null default 0,
    cost_web_search_usd            numeric(34, 12) not null default 0,
    cost_code_execution_usd        numeric(34, 12) not null default 0
) with (fillfactor = 80);

insert into rollup_admin_v29 (bucket_start, request_count, input_tokens, cache_read_input_tokens,
                              cache_creation_5m_input_tokens, cache_creation_1h_input_tokens, output_tokens,
                              web_search_requests, grain, org_id, team_id, api_key_id, model, service_tier,
                              context_window, inference_geo, code_execution_hours, cost_usd, cost_input_usd,
                              cost_output_usd, cost_cache_read_usd, cost_cache_creation_5m_usd,
                              cost_cache_creation_1h_usd, cost_web_search_usd, cost_code_execution_usd)
select bucket_start, request_count, input_tokens, cache_read_input_tokens, cache_creation_5m_input_tokens,
       cache_creation_1h_input_tokens, output_tokens, web_search_requests, grain, org_id, team_id, api_key_id, model,
       service_tier, context_window, inference_geo, code_execution_hours, cost_usd, cost_input_usd, cost_output_usd,
       cost_cache_read_usd, cost_cache_creation_5m_usd, cost_cache_creation_1h_usd, cost_web_search_usd,
       cost_code_execution_usd
  from rollup_admin
 where grain = 86400
 order by org_id, team_id, bucket_start;

drop table rollup_admin;
alter table rollup_admin_v29 rename to rollup_admin;
alter table rollup_admin add constraint rollup_admin_owner_key
    unique nulls not distinct (org_id, team_id, grain, bucket_start, api_key_id, model, service_tier, context_window,
                               inference_geo);

analyze rollup_admin;
