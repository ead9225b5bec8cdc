-- ingest_batch keyed organization first, like every other table since V16: (org_id, batch_id). On Citus this lets the
-- worker's queue be distributed by org_id and co-located with the events and rollups (afterMigrate.sql), so that an
-- ingest call (batch row, identities, events), a fold (claim, event read, rollup writes, the batches' mark) and a
-- report's read (pending batches, their raw events, rollups) each run on one node, in one local transaction or
-- snapshot: with the queue on the coordinator a fold committed there first and on the worker a moment later (Citus'
-- two-phase commit), and a report in between missed that fold's events (deploy/SCALING.md §6). batch_id stays unique
-- (an identity); on one PostgreSQL nothing else changes.
alter table ingest_batch drop constraint ingest_batch_pkey;
alter table ingest_batch add constraint ingest_batch_pkey primary key (org_id, batch_id);
