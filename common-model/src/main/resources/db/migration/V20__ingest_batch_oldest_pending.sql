-- The worker's rollup_oldest_pending_seconds gauge and its health check read min(received_at) of the pending
-- batches every few seconds. The existing partial index (batch_id where rolled_up_at is null) serves the claim's
-- order; this one makes the oldest pending batch one index probe however long the backlog is.
create index ingest_batch_pending_received_idx on ingest_batch (received_at) where rolled_up_at is null;
