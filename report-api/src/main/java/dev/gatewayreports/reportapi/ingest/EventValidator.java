package dev.gatewayreports.reportapi.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatewayreports.model.events.ContextWindow;
import dev.gatewayreports.model.events.ErrorType;
import dev.gatewayreports.model.events.EventStatus;
import dev.gatewayreports.model.events.ServiceTier;
import dev.gatewayreports.model.events.TokenCounts;
import dev.gatewayreports.model.events.Tracing;
import dev.gatewayreports.model.events.UsageEvent;
import dev.gatewayreports.model.events.WireEnums;
import dev.gatewayreports.model.tenancy.TenantIds;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** Checks one event against the ingest contract and builds it, or lists every problem found. */
final class EventValidator {
    /** An event, or the reasons it was rejected. */
    record Outcome(UsageEvent event, List<FieldError> errors) {}

    private static final int ID = 256;
    private static final long MAX_TOKENS = 1L << 40;
    /** Decimals of code-execution container-hours (a millionth of an hour is 3.6 ms). */
    static final int CODE_EXECUTION_SCALE = 6;

    private static final List<String> STATUSES = WireEnums.spellings(EventStatus.class, EventStatus::wire);
    private static final List<String> ERROR_TYPES = WireEnums.spellings(ErrorType.class, ErrorType::wire);
    private static final List<String> TIERS = WireEnums.spellings(ServiceTier.class, ServiceTier::wire);
    private static final List<String> WINDOWS = WireEnums.spellings(ContextWindow.class, ContextWindow::wire);

    private final Instant now;
    private final Duration maxFuture;
    private final Duration maxAge;

    EventValidator(Instant now, Duration maxFuture, Duration maxAge) {
        this.now = now;
        this.maxFuture = maxFuture;
        this.maxAge = maxAge;
    }

    Outcome validate(JsonNode json) {
        if (json == null || !json.isObject()) {
            return new Outcome(null, List.of(new FieldError("event", "must be a JSON object")));
        }
        FieldReader r = new FieldReader(json);
        String requestId = r.string("request_id", true, 128);
        Instant occurredAt = occurredAt(r);
        String teamId = teamId(r);
        String provider = r.string("provider", true, 64);
        String model = r.string("model", true, 128);
        EventStatus status = r.choice("status", true, STATUSES, s -> wire(EventStatus.class, EventStatus::wire, s));
        Long latency = r.count("latency_ms", true, Integer.MAX_VALUE);
        ErrorType errorType =
                r.choice("error_type", false, ERROR_TYPES, s -> wire(ErrorType.class, ErrorType::wire, s));
        checkErrorType(r, status, errorType, json);
        ServiceTier tier = r.choice("service_tier", false, TIERS, s -> wire(ServiceTier.class, ServiceTier::wire, s));
        ContextWindow window =
                r.choice("context_window", false, WINDOWS, s -> wire(ContextWindow.class, ContextWindow::wire, s));
        String apiKeyId = r.string("api_key_id", false, ID);
        String inferenceGeo = r.string("inference_geo", false, 64);
        Long httpStatus = r.count("http_status", false, 999);
        String errorMessage = r.freeText("error_message", 2_000);
        TokenCounts tokens = tokens(r);
        BigDecimal credits = r.decimal("credits", 6);
        BigDecimal costUsd = r.decimal("cost_usd", 12);
        Tracing tracing = tracing(r);
        if (!r.errors().isEmpty()) {
            return new Outcome(null, List.copyOf(r.errors()));
        }
        UsageEvent event = new UsageEvent(
                requestId,
                occurredAt,
                teamId,
                provider,
                model,
                status,
                latency.intValue(),
                apiKeyId,
                tier == null ? ServiceTier.STANDARD : tier,
                window,
                inferenceGeo,
                httpStatus == null ? null : httpStatus.intValue(),
                errorType,
                errorMessage,
                tokens,
                credits,
                costUsd,
                tracing);
        return new Outcome(event, List.of());
    }

    private Instant occurredAt(FieldReader r) {
        Instant at = r.timestamp("occurred_at");
        if (at == null) {
            return null;
        }
        if (at.isAfter(now.plus(maxFuture))) {
            r.fail("occurred_at", "is more than " + maxFuture.toHours() + " hours in the future");
            return null;
        }
        if (at.isBefore(now.minus(maxAge))) {
            r.fail("occurred_at", "is older than the " + maxAge.toDays() + "-day window events are accepted for");
            return null;
        }
        return at;
    }

    private static String teamId(FieldReader r) {
        String teamId = r.string("team_id", true, 64);
        String problem = teamId == null ? null : TenantIds.problem(teamId);
        if (problem != null) {
            r.fail("team_id", problem);
            return null;
        }
        return teamId;
    }

    private static void checkErrorType(FieldReader r, EventStatus status, ErrorType errorType, JsonNode json) {
        boolean given = json.hasNonNull("error_type");
        if (status == EventStatus.ERROR && !given) {
            r.fail("error_type", "is required when status is error");
        } else if (status == EventStatus.SUCCESS && given) {
            r.fail("error_type", "must be absent when status is success");
        }
    }

    private static TokenCounts tokens(FieldReader r) {
        long input = orZero(r.count("input_tokens", false, MAX_TOKENS));
        long cacheRead = orZero(r.count("cache_read_input_tokens", false, MAX_TOKENS));
        long cache5m = orZero(r.count("cache_creation_5m_input_tokens", false, MAX_TOKENS));
        long cache1h = orZero(r.count("cache_creation_1h_input_tokens", false, MAX_TOKENS));
        long output = orZero(r.count("output_tokens", false, MAX_TOKENS));
        long webSearch = orZero(r.count("web_search_requests", false, MAX_TOKENS));
        BigDecimal codeExecution = r.decimal("code_execution_hours", CODE_EXECUTION_SCALE);
        return new TokenCounts(
                input,
                cacheRead,
                cache5m,
                cache1h,
                output,
                webSearch,
                codeExecution == null ? BigDecimal.ZERO : codeExecution);
    }

    private static Tracing tracing(FieldReader r) {
        return new Tracing(
                r.string("user_id", false, ID),
                r.string("run_id", false, ID),
                r.string("op_name", false, ID),
                r.string("trace_id", false, ID),
                r.string("parent_id", false, ID),
                r.string("thread_id", false, ID),
                r.string("turn_id", false, ID),
                r.strings("input_refs", 1_000, 1_024),
                r.strings("output_refs", 1_000, 1_024));
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static <E extends Enum<E>> E wire(Class<E> type, Function<E, String> spelling, String value) {
        return WireEnums.parse(type, spelling, value).orElseThrow();
    }
}
