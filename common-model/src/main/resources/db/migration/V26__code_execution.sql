-- Code execution (Anthropic's code-execution tool): container-hours an event used, priced from the book like web
-- search. The book keeps its one unit, USD per million: for code_execution that is per million container-hours
-- (Anthropic's list price, $0.05 per hour, is 50,000 per million hours).
--
-- Hours are a decimal (at most 6 decimals, ingest checks it). Existing events and rollup rows used none: the hours
-- default to 0, a metadata-only change (no rewrite of the partitions or the rollups); an event's cost component is
-- null when it used none, as cost_web_search_usd is, and rollup costs are 0.
-- usage_event is partitioned: a column added to the parent is added to every partition, present and future.

alter table usage_event
    add column code_execution_hours    numeric(24, 6) not null default 0,
    add column cost_code_execution_usd numeric(30, 12);

-- Every rollup that keeps web-search requests and their cost keeps code execution's hours and cost beside them.
alter table rollup_model
    add column code_execution_hours    numeric(30, 6) not null default 0,
    add column cost_code_execution_usd numeric(34, 12) not null default 0;
alter table rollup_team
    add column code_execution_hours    numeric(30, 6) not null default 0,
    add column cost_code_execution_usd numeric(34, 12) not null default 0;
alter table rollup_org
    add column code_execution_hours    numeric(30, 6) not null default 0,
    add column cost_code_execution_usd numeric(34, 12) not null default 0;
alter table rollup_org_model
    add column code_execution_hours    numeric(30, 6) not null default 0,
    add column cost_code_execution_usd numeric(34, 12) not null default 0;
alter table rollup_admin
    add column code_execution_hours    numeric(30, 6) not null default 0,
    add column cost_code_execution_usd numeric(34, 12) not null default 0;

alter table price drop constraint price_token_type_check;
alter table price add constraint price_token_type_check
    check (token_type in ('input', 'output', 'cache_read', 'cache_creation_5m', 'cache_creation_1h', 'web_search',
                          'code_execution'));

-- Anthropic's list price of code execution, $0.05 per container-hour, for every Anthropic model of the book that
-- has a web-search price (the models that have the server tools), standard tier, short context; long-context,
-- batch, priority and flex events fall back to it as for every other token type (PriceBook). From the epoch, like
-- the earliest entry of every model in V2.
insert into price (provider, model, token_type, usd_per_million, effective_from)
select distinct p.provider, p.model, 'code_execution', 50000.00, 'epoch'::timestamptz
from price p
where p.org_id is null and p.provider = 'anthropic' and p.token_type = 'web_search'
on conflict do nothing;
