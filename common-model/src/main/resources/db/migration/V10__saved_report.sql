-- Saved reports: the whole report object as generated, so a download months later renders the same content
-- whatever happened to the events, the rollups or the price book since.
create table saved_report (
    report_id    text primary key,
    org_id       text not null references organization (org_id),
    team_id      text not null,              -- a team of org_id, or 'all' for an organization-wide report
    report_type  text not null check (report_type in ('usage', 'cost', 'performance', 'error', 'comprehensive')),
    generated_at timestamptz not null,
    period_start timestamptz not null,
    period_end   timestamptz not null,
    created_by   text,
    body         jsonb not null
);

-- History is listed newest first per organization, with a (generated_at, report_id) keyset cursor.
create index saved_report_history_idx on saved_report (org_id, generated_at desc, report_id desc);

-- A report's 100 most recent errors: errors are a few percent of events, so this partial index is small and
-- spares reading every event of the window.
create index usage_event_errors_idx on usage_event (team_id, occurred_at) where status = 'error';
