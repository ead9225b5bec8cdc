package dev.gatewayreports.reportapi.ingest;

import dev.gatewayreports.model.events.UsageEvent;
import dev.gatewayreports.model.pricing.CostBreakdown;

/** A valid, priced event and its index in the request. */
record Candidate(int index, UsageEvent event, CostBreakdown cost) {}
