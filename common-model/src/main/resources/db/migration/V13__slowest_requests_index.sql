-- A report's 100 slowest requests: per team, an index in latency order lets each daily partition hand over its
-- slowest events first instead of every event of the window being read and sorted (seconds at 10M events).
-- It costs one more btree entry per ingested event; benchmarks/ measures both sides.
create index usage_event_slowest_idx on usage_event (team_id, latency_ms desc, occurred_at desc);
