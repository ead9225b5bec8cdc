-- Quotas and recipient rules of report-api (see README, "Schedules and e-mailed reports").

-- An organization's allow-list of recipient domains for e-mailed reports, set by its org admins; null: any domain.
alter table organization add column recipient_domains text[];

-- Ad-hoc sends are limited per user and per organization over a sliding window: report-api counts the
-- organization's recent ad-hoc deliveries (schedule_id null) under a per-organization advisory lock.
create index report_delivery_sends_idx on report_delivery (org_id, created_at) where schedule_id is null;

-- Ingest rate limits (off by default): one row per credential, counting the current fixed window's requests and
-- events; one upsert per ingest request.
create table ingest_rate (
    credential   text primary key,
    window_start timestamptz not null,
    requests     bigint not null,
    events       bigint not null
);
