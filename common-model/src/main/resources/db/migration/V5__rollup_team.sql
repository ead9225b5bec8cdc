-- Per team, no other dimension: what trends and summaries read (a day of one team is 24 hourly rows, not
-- 24 × models). Same figures as rollup_model.
create table rollup_team (like rollup_model including defaults including constraints) with (fillfactor = 80);
alter table rollup_team drop column provider, drop column model;
alter table rollup_team add primary key (team_id, grain, bucket_start);
