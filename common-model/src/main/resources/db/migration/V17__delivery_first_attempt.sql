-- When a delivery was first tried, by the scheduler's clock: it is retried with capped backoff until
-- reports.scheduler.give-up-after has passed since then (an SMTP outage of hours no longer fails it for good).
-- Null until its first claim. report_id is now recorded as soon as the first attempt has saved its report, so a
-- retry mails that same saved report instead of generating a new one.
alter table report_delivery add column first_attempt_at timestamptz;
