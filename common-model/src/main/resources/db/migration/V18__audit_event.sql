-- The audit log: one row per admin action (service keys, teams, schedules, ad-hoc sends), per request a
-- report_service makes for an organization, and per operations run of the worker (rebuild, retention). A row is
-- written in the same transaction as the change it records, so a rolled-back change leaves none and a committed
-- one always has its row. Details are small and never hold a secret (no key secret, no key hash).
create table audit_event (
    event_id       bigint generated always as identity primary key,
    -- null for system-wide operations (rollup rebuilds, retention): only operators read those, in the database
    org_id         text,
    occurred_at    timestamptz not null default now(),
    actor_kind     text not null check (actor_kind in ('user', 'service_key', 'service', 'operator', 'system')),
    actor_subject  text,
    actor_email    text,
    actor_key_id   text,
    actor_client_id text,
    action         text not null,
    target_type    text,
    target_id      text,
    details        jsonb not null default '{}'::jsonb
);

-- GET /v1/admin/audit: an organization's rows newest first, keyset-paged by (occurred_at, event_id) ...
create index audit_event_org_idx on audit_event (org_id, occurred_at desc, event_id desc);
-- ... and the same filtered by action.
create index audit_event_org_action_idx on audit_event (org_id, action, occurred_at desc, event_id desc);
