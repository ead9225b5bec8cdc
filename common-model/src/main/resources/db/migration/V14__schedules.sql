-- Report schedules and the deliveries they (and ad-hoc sends) produce. report-api writes schedules and ad-hoc
-- deliveries; scheduler-service turns due schedules into deliveries and sends them.

-- One schedule per team and report type; next_run_at is the next slot in the schedule's own zone.
create table report_schedule (
    schedule_id   text primary key,
    org_id        text not null references organization (org_id),
    team_id       text not null references team (team_id),
    report_type   text not null check (report_type in ('usage', 'cost', 'performance', 'error', 'comprehensive')),
    frequency     text not null check (frequency in ('daily', 'weekly', 'monthly')),
    schedule_time time not null,
    schedule_day  smallint,
    timezone      text not null,
    days          integer not null check (days between 1 and 366),
    recipients    text[] not null check (cardinality(recipients) between 1 and 50),
    format        text not null check (format in ('csv', 'xlsx', 'none')),
    sections      jsonb,
    created_by    text,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    next_run_at   timestamptz not null,
    unique (team_id, report_type),
    check ((frequency = 'daily')
        or (frequency = 'weekly' and schedule_day between 0 and 6)
        or (frequency = 'monthly' and schedule_day between 1 and 31))
);

-- The scheduler's scan: schedules whose slot has come.
create index report_schedule_due_idx on report_schedule (next_run_at);

-- One row per e-mailing: a schedule's slot (schedule_id, scheduled_for) or an ad-hoc send (schedule_id null).
-- The report's window is fixed when the row is made, so a retry an hour later sends the same period.
create table report_delivery (
    delivery_id     text primary key,
    org_id          text not null references organization (org_id),
    team_id         text not null references team (team_id),
    schedule_id     text references report_schedule (schedule_id) on delete set null,
    scheduled_for   timestamptz,
    report_type     text not null check (report_type in ('usage', 'cost', 'performance', 'error', 'comprehensive')),
    timezone        text not null,
    period_start    timestamptz not null,
    period_end      timestamptz not null,
    format          text not null check (format in ('csv', 'xlsx', 'none')),
    sections        jsonb,
    recipients      text[] not null check (cardinality(recipients) between 1 and 50),
    status          text not null check (status in ('pending', 'sending', 'sent', 'failed')),
    attempts        integer not null default 0,
    next_attempt_at timestamptz not null,
    locked_until    timestamptz,
    last_error      text,
    report_id       text,
    requested_by    text,
    created_at      timestamptz not null default now(),
    sent_at         timestamptz,
    -- A schedule's slot is delivered once, however many scheduler replicas see it due.
    unique (schedule_id, scheduled_for)
);

-- The scheduler's claim: work that is due (pending, or sending with an expired lease).
create index report_delivery_due_idx on report_delivery (next_attempt_at) where status in ('pending', 'sending');
-- A schedule's last delivery, for the preferences list.
create index report_delivery_schedule_idx on report_delivery (schedule_id, created_at desc);
