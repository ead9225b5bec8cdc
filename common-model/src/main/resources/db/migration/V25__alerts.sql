-- Budgets and alerts (issue 15). report-api writes the rules (/v1/alerts); scheduler-service evaluates them every
-- minute and delivers what fires, with the same lease-and-attempt machinery as report_delivery:
--   alert_rule         one rule: a measure over a window of a team's (or, team_id null, the whole organization's)
--                      events, compared with a threshold; its evaluation lease and its current state
--   alert_event        what happened, once: a firing, its resolution, a budget level or a forecast crossing;
--                      (alert_id, kind, episode_key) is unique, so a second evaluator's insert does nothing
--   alert_notification one message per event and target (an e-mail address or the rule's webhook), claimed and
--                      retried like report_delivery; its rows are the delivery log
-- The event and its notifications are written in the transaction that changes the rule's state.

create table alert_rule (
    alert_id            text primary key,
    org_id              text not null references organization (org_id),
    -- null: the whole organization (org admins only)
    team_id             text,
    name                text not null check (length(name) between 1 and 200),
    -- threshold: fires when the measure compares true; budget: a monthly budget (window month_to_date), which also
    -- notifies at 50/80/100% of the threshold and when the month-end forecast crosses it
    kind                text not null default 'threshold' check (kind in ('threshold', 'budget')),
    measure             text not null
                        check (measure in ('cost_usd', 'credits', 'requests', 'error_rate', 'p95_latency_ms', 'tokens')),
    window_kind         text not null check (window_kind in ('last_hour', 'last_day', 'month_to_date')),
    comparison          text not null default 'gt' check (comparison in ('gt', 'gte', 'lt', 'lte')),
    threshold           numeric(38, 12) not null,
    -- IANA zone of month_to_date and of the forecast's local days
    timezone            text not null default 'UTC',
    -- a firing resolves only when the value is back past the threshold by this share of it (no flapping)
    hysteresis_percent  numeric(5, 2) not null default 10 check (hysteresis_percent between 0 and 100),
    -- the condition must hold this long (consecutive evaluations) before it fires
    for_minutes         integer not null default 0 check (for_minutes between 0 and 1440),
    recipients          text[] not null default '{}' check (cardinality(recipients) <= 50),
    webhook_url         text,
    -- the webhook's HMAC key, encrypted with the installation's key (model.secrets.SecretBox); never returned
    -- after creation
    webhook_secret_enc  text,
    enabled             boolean not null default true,
    created_by          text,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    -- evaluation: due when next_eval_at has come and no live lease
    next_eval_at        timestamptz not null default now(),
    locked_until        timestamptz,
    -- state: ok, pending (condition true, for_minutes not yet over), firing
    state               text not null default 'ok' check (state in ('ok', 'pending', 'firing')),
    state_since         timestamptz,
    -- increments when a firing starts; alert_event.episode_key of fired/resolved is 'e' || episode
    episode             integer not null default 0,
    last_value          numeric(38, 12),
    last_evaluated_at   timestamptz,
    foreign key (org_id, team_id) references team (org_id, team_id) on delete cascade,
    check (kind = 'threshold' or window_kind = 'month_to_date'),
    check ((webhook_url is null) = (webhook_secret_enc is null))
);

create index alert_rule_org_idx on alert_rule (org_id, team_id);
create index alert_rule_due_idx on alert_rule (next_eval_at) where enabled;

create table alert_event (
    event_id     text primary key,
    alert_id     text not null references alert_rule (alert_id) on delete cascade,
    org_id       text not null,
    team_id      text,
    -- fired, resolved; budget_50, budget_80, budget_100, forecast (budgets, once per local month)
    kind         text not null
                 check (kind in ('fired', 'resolved', 'budget_50', 'budget_80', 'budget_100', 'forecast')),
    -- fired/resolved: 'e' || episode; budget levels and forecast: the local month, 'YYYY-MM'
    episode_key  text not null,
    value        numeric(38, 12),
    threshold    numeric(38, 12) not null,
    forecast     numeric(38, 12),
    window_start timestamptz not null,
    window_end   timestamptz not null,
    occurred_at  timestamptz not null default now(),
    unique (alert_id, kind, episode_key)
);

create index alert_event_rule_idx on alert_event (alert_id, occurred_at desc);

create table alert_notification (
    notification_id  text primary key,
    event_id         text not null references alert_event (event_id) on delete cascade,
    alert_id         text not null,
    org_id           text not null,
    channel          text not null check (channel in ('email', 'webhook')),
    -- the e-mail address, or the webhook URL at the time of the event
    target           text not null,
    status           text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'failed')),
    attempts         integer not null default 0,
    next_attempt_at  timestamptz not null default now(),
    locked_until     timestamptz,
    first_attempt_at timestamptz,
    last_error       text,
    -- the webhook receiver's HTTP status of the last attempt
    response_status  integer,
    created_at       timestamptz not null default now(),
    sent_at          timestamptz,
    unique (event_id, channel, target)
);

create index alert_notification_due_idx on alert_notification (next_attempt_at) where status in ('pending', 'sending');
create index alert_notification_rule_idx on alert_notification (alert_id, created_at desc);
