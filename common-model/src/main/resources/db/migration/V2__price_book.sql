-- The price book: USD per million units of a token type (or per million web-search requests), effective from
-- an instant until the next entry of the same key. org_id null is the list price; an organization's own
-- entries override it.

create table price (
    price_id          bigint generated always as identity primary key,
    org_id            text references organization (org_id),
    provider          text not null,
    model             text not null,
    token_type        text not null check (token_type in ('input', 'output', 'cache_read', 'cache_creation_5m',
                                                          'cache_creation_1h', 'web_search')),
    usd_per_million   numeric(20, 6) not null check (usd_per_million >= 0),
    effective_from    timestamptz not null,
    unique nulls not distinct (org_id, provider, model, token_type, effective_from)
);

insert into price (provider, model, token_type, usd_per_million, effective_from)
select p.provider, p.model, t.token_type, t.usd, p.effective_from::timestamptz
from (values
    -- provider, model, input, output, cache read, cache write 5m, cache write 1h, web search, effective from
    ('anthropic', 'claude-opus-4-1',   15.00, 75.00, 1.50,   18.75, 30.00, 10000.00, '2025-08-05T00:00:00Z'),
    ('anthropic', 'claude-opus-4-5',    5.00, 25.00, 0.50,    6.25, 10.00, 10000.00, '2025-11-24T00:00:00Z'),
    ('anthropic', 'claude-sonnet-4-5',  3.00, 15.00, 0.30,    3.75,  6.00, 10000.00, '2025-09-29T00:00:00Z'),
    ('anthropic', 'claude-sonnet-4',    3.00, 15.00, 0.30,    3.75,  6.00, 10000.00, '2025-05-22T00:00:00Z'),
    ('anthropic', 'claude-haiku-4-5',   1.00,  5.00, 0.10,    1.25,  2.00, 10000.00, '2025-10-15T00:00:00Z'),
    ('anthropic', 'claude-3-5-haiku',   0.80,  4.00, 0.08,    1.00,  1.60, 10000.00, '2024-11-04T00:00:00Z'),
    ('openai',    'gpt-5',              1.25, 10.00, 0.125,   null,  null, 10000.00, '2025-08-07T00:00:00Z'),
    ('openai',    'gpt-5-mini',         0.25,  2.00, 0.025,   null,  null, 10000.00, '2025-08-07T00:00:00Z'),
    ('openai',    'gpt-5-nano',         0.05,  0.40, 0.005,   null,  null, 10000.00, '2025-08-07T00:00:00Z'),
    ('openai',    'gpt-4.1',            2.00,  8.00, 0.50,    null,  null, 25000.00, '2025-04-14T00:00:00Z'),
    ('openai',    'gpt-4.1-mini',       0.40,  1.60, 0.10,    null,  null, 25000.00, '2025-04-14T00:00:00Z'),
    ('openai',    'gpt-4o',             2.50, 10.00, 1.25,    null,  null, 25000.00, '2024-10-01T00:00:00Z'),
    ('openai',    'gpt-4o-mini',        0.15,  0.60, 0.075,   null,  null, 25000.00, '2024-07-18T00:00:00Z'),
    ('openai',    'o3',                 2.00,  8.00, 0.50,    null,  null, 10000.00, '2025-06-10T00:00:00Z'),
    ('google',    'gemini-2.5-pro',     1.25, 10.00, 0.3125,  null,  null, 35000.00, '2025-06-17T00:00:00Z'),
    -- gemini-2.5-flash changed price at general availability: the older entry stays for older events.
    ('google',    'gemini-2.5-flash',   0.15,  0.60, 0.0375,  null,  null, 35000.00, '2025-04-17T00:00:00Z'),
    ('google',    'gemini-2.5-flash',   0.30,  2.50, 0.075,   null,  null, 35000.00, '2025-06-17T00:00:00Z'),
    ('google',    'gemini-2.5-flash-lite', 0.10, 0.40, 0.025, null,  null, 35000.00, '2025-07-22T00:00:00Z'),
    ('mistral',   'mistral-large-latest', 2.00, 6.00, null,   null,  null, null,     '2024-11-18T00:00:00Z'),
    ('mistral',   'mistral-small-latest', 0.10, 0.30, null,   null,  null, null,     '2025-03-17T00:00:00Z')
) as p (provider, model, input, output, cache_read, cache_5m, cache_1h, web_search, effective_from)
cross join lateral (values
    ('input', p.input), ('output', p.output), ('cache_read', p.cache_read),
    ('cache_creation_5m', p.cache_5m), ('cache_creation_1h', p.cache_1h), ('web_search', p.web_search)
) as t (token_type, usd)
where t.usd is not null;

-- Prices also apply to events that happened before a model's release date in the book (test data, backfills):
-- the earliest entry of each key is moved back to the epoch so every event of a known model is priced.
update price p
set effective_from = 'epoch'
where p.effective_from = (select min(q.effective_from) from price q
                          where q.org_id is null and q.provider = p.provider and q.model = p.model
                            and q.token_type = p.token_type);
