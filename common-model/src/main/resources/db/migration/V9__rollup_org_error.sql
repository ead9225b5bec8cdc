-- Organization-wide error counts (organization × provider × model × error type), for an org admin's all-teams
-- error report: one row per organization instead of one per team.
create table rollup_org_error (like rollup_error including defaults including constraints) with (fillfactor = 80);
alter table rollup_org_error rename column team_id to org_id;
alter table rollup_org_error add primary key (org_id, grain, bucket_start, provider, model, error_type);
