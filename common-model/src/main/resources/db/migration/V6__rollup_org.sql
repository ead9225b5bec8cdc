-- Organization-wide rollups, for the org admin's all-teams reports: one row per organization and bucket
-- (rollup_org) and per organization × provider × model (rollup_org_model), instead of one per team.
create table rollup_org (like rollup_team including defaults including constraints) with (fillfactor = 80);
alter table rollup_org rename column team_id to org_id;
alter table rollup_org add primary key (org_id, grain, bucket_start);

create table rollup_org_model (like rollup_model including defaults including constraints) with (fillfactor = 80);
alter table rollup_org_model rename column team_id to org_id;
alter table rollup_org_model add primary key (org_id, grain, bucket_start, provider, model);
