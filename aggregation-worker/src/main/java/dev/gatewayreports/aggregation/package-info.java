/**
 * aggregation-worker: turns accepted usage events into time-bucketed rollups. The event store it reads
 * (usage_event partitions and the ingest_batch work queue) is defined by common-model's migrations.
 */
package dev.gatewayreports.aggregation;
