package dev.gatewayreports.model.events;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One validated usage event, as the ingest contract defines it ({@code shared/spec/events.md}).
 *
 * @param costUsd the cost reported by the gateway, or null when the price book is to price the event
 */
public record UsageEvent(
        String requestId,
        Instant occurredAt,
        String teamId,
        String provider,
        String model,
        EventStatus status,
        int latencyMs,
        String apiKeyId,
        ServiceTier serviceTier,
        ContextWindow contextWindow,
        String inferenceGeo,
        Integer httpStatus,
        ErrorType errorType,
        String errorMessage,
        TokenCounts tokens,
        BigDecimal credits,
        BigDecimal costUsd,
        Tracing tracing) {}
