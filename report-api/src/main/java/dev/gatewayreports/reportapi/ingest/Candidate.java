package dev.gatewayreports.reportapi.ingest;

import dev.gatewayreports.model.events.UsageEvent;
import dev.gatewayreports.model.pricing.CostBreakdown;
import java.util.UUID;

/** A valid, priced event, its index in the request and its identity digest ({@link IdentityDigest}). */
record Candidate(int index, UsageEvent event, CostBreakdown cost, UUID key) {}
