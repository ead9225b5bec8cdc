-- Price-book variants: a price now also names the service tier it is for and whether it is the long-context rate
-- (a request of more than 200,000 input tokens, counting cache reads and writes, pays that rate on all its tokens).
-- Existing rows are the standard, short-context price they always were. A batch event with no batch entry pays 50%
-- of the standard price (PriceBook); priority and flex pay their own entry, else the standard price.
alter table price
    add column service_tier text not null default 'standard'
        check (service_tier in ('standard', 'batch', 'priority', 'flex')),
    add column long_context boolean not null default false,
    -- who added an organization's own price through the API, and when (null for list prices and older rows)
    add column created_by text,
    add column created_at timestamptz;

alter table price drop constraint price_org_id_provider_model_token_type_effective_from_key;
alter table price add constraint price_key unique nulls not distinct
    (org_id, provider, model, token_type, service_tier, long_context, effective_from);

-- GET /v1/admin/prices and the price book's reload read an organization's rows and the list rows.
create index price_org_idx on price (org_id, provider, model);

-- Anthropic's long-context list prices (Claude Sonnet 4 and 4.5 with the 1M context window): input $6, output
-- $22.50, cache read $0.60, cache write $7.50 (5m) and $12 (1h) per million tokens. Web search keeps its price.
-- From the epoch, like the earliest entry of every model in V2.
insert into price (provider, model, token_type, usd_per_million, effective_from, long_context)
select 'anthropic', m.model, t.token_type, t.usd, 'epoch', true
from (values ('claude-sonnet-4-5'), ('claude-sonnet-4')) as m (model)
cross join (values ('input', 6.00), ('output', 22.50), ('cache_read', 0.60), ('cache_creation_5m', 7.50),
                   ('cache_creation_1h', 12.00)) as t (token_type, usd)
on conflict do nothing;
