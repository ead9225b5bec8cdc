-- The frequency a scheduled delivery was made under, so its mail says "Weekly usage report" even when the schedule
-- is changed or deleted before the delivery is sent (or retried). Null for ad-hoc sends.
alter table report_delivery add column frequency text check (frequency in ('daily', 'weekly', 'monthly'));

update report_delivery d
   set frequency = s.frequency
  from report_schedule s
 where s.schedule_id = d.schedule_id;
