-- The worker finds a batch's events by ingest_batch_id within the batch's time span. Within a daily partition
-- rows are appended in batch order, so a BRIN index answers that as well as a btree did, at a fraction of the
-- write cost on the ingest path (a btree entry per event).
drop index usage_event_batch_idx;
create index usage_event_batch_brin on usage_event using brin (ingest_batch_id) with (pages_per_range = 16);
