-- The slowest-requests index keys on a 4-byte digest of the owner instead of the owner's two text ids: an entry of
-- (org_id, team_id, latency_ms desc, occurred_at desc) carried both ids (40 B before its line pointer with the
-- benchmark's 'org_bench'/'team_01', more with longer ids); (owner digest, latency_ms desc, occurred_at desc) is 24 B.
-- Measured on the 1M benchmark's events inserted in ingest order: 64 → 42 B per event (deploy/SCALING.md §3).
--
-- The digest is the first 32 bits of md5(org_id || ' ' || team_id) as an integer, written out with built-ins only
-- (no function of ours, so Citus needs nothing on its workers). It only narrows the scan: the report's read
-- (ReportEventsRepository.SLOWEST) repeats the same expression and still filters org_id and team_id exactly, so
-- two owners whose digests collide (about one pair in 2^32) cost each other some extra rows read, never a wrong row.
-- md5 is stable across PostgreSQL versions and platforms, so the index stays valid across upgrades.
--
-- Time: 5.7 s for 2,017,582 events (load average 11 on 2 cores); the build takes a SHARE lock on usage_event,
-- so ingest waits for it. On a large table, build the partitions' indexes first, one at a time and without
-- blocking ingest, as the migrator:
--   create index concurrently on usage_event_pYYYYMMDD
--       ((('x' || substr(md5(org_id || ' ' || team_id), 1, 8))::bit(32)::integer), latency_ms desc, occurred_at desc);
-- the create index below then attaches those instead of building them.
create index usage_event_slowest_v30_idx on usage_event
    ((('x' || substr(md5(org_id || ' ' || team_id), 1, 8))::bit(32)::integer), latency_ms desc, occurred_at desc);
drop index usage_event_slowest_idx;
alter index usage_event_slowest_v30_idx rename to usage_event_slowest_idx;
