-- rollup_api_key keeps UTC weeks too (grain 604800, buckets on multiples of 7 days from the epoch: Thursdays 00:00
-- UTC), beside hours and days. A 30-day report of all 50 teams of the 10M benchmark read 16,500 daily rows of its
-- 501 API keys (4,343 heap pages: every fold of a day updates its rows, so they are spread), 21–25 ms of the report's
-- critical path; four weeks and two days are 3,200 rows (deploy/SCALING.md §2d "Session 15").
--
-- A worker of the version before this one folds hours and days only, so the week rows would miss what it folds
-- during a rolling update. Every row now carries with_weeks, which has no default: an older worker's fold does not
-- name it, its insert fails, and its claim rolls back for a worker of this version to fold (nothing is lost; the
-- older pods only stop folding until they are replaced). Workers of this version set it on every row they write.
lock table rollup_api_key in exclusive mode;

alter table rollup_api_key add column with_weeks boolean not null default true;
alter table rollup_api_key alter column with_weeks drop default;

-- Two statements: Citus takes no ADD CONSTRAINT beside other subcommands on a distributed table.
alter table rollup_api_key drop constraint rollup_api_key_grain_check;
alter table rollup_api_key add constraint rollup_api_key_grain_check check (grain in (3600, 86400, 604800));

-- The weeks of what is folded so far, from the day rows (a week is exactly its seven days).
insert into rollup_api_key (org_id, team_id, grain, bucket_start, api_key_id, request_count, error_count, input_tokens,
                            output_tokens, credits, cost_usd, with_weeks)
select org_id, team_id, 604800, to_timestamp(floor(extract(epoch from bucket_start))::bigint / 604800 * 604800),
       api_key_id, sum(request_count), sum(error_count), sum(input_tokens), sum(output_tokens), sum(credits),
       sum(cost_usd), true
  from rollup_api_key
 where grain = 86400
 group by org_id, team_id, to_timestamp(floor(extract(epoch from bucket_start))::bigint / 604800 * 604800), api_key_id;
