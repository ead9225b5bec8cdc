package dev.gatewayreports.reportapi.ingest;

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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Checks one event against the ingest contract and builds it, or lists every problem found. */
final class EventValidator {
    /** An event, or the reasons it was rejected. */
    record Outcome(UsageEvent event, List<FieldError> errors) {}

    private static final int ID = 256;
    private static final long MAX_TOKENS = 1L << 40;
    /** Decimals of code-execution container-hours (a millionth of an hour is 3.6 ms). */
    static final int CODE_EXECUTION_SCALE = 6;

    private static final Map<String, EventStatus> STATUSES = bySpelling(EventStatus.class, EventStatus::wire);
    private static final Map<String, ErrorType> ERROR_TYPES = bySpelling(ErrorType.class, ErrorType::wire);
    private static final Map<String, ServiceTier> TIERS = bySpelling(ServiceTier.class, ServiceTier::wire);
    private static final Map<String, ContextWindow> WINDOWS = bySpelling(ContextWindow.class, ContextWindow::wire);

    private final Instant now;
    private final Duration maxFuture;
    private final Duration maxAge;

    EventValidator(Instant now, Duration maxFuture, Duration maxAge) {
        this.now = now;
        this.maxFuture = maxFuture;
        this.maxAge = maxAge;
    }

    Outcome validate(EventJson json) {
        if (json == null || !json.isObject()) {
            return new Outcome(null, List.of(new FieldError("event", "must be a JSON object")));
        }
        FieldReader r = new FieldReader(json);
        String requestId = r.string(EventJson.Field.REQUEST_ID, true, 128);
        Instant occurredAt = occurredAt(r);
        String teamId = teamId(r);
        String provider = r.string(EventJson.Field.PROVIDER, true, 64);
        String model = r.string(EventJson.Field.MODEL, true, 128);
        EventStatus status = r.choice(EventJson.Field.STATUS, true, STATUSES);
        Long latency = r.count(EventJson.Field.LATENCY_MS, true, Integer.MAX_VALUE);
        ErrorType errorType = r.choice(EventJson.Field.ERROR_TYPE, false, ERROR_TYPES);
        checkErrorType(r, status, errorType, json);
        ServiceTier tier = r.choice(EventJson.Field.SERVICE_TIER, false, TIERS);
        ContextWindow window = r.choice(EventJson.Field.CONTEXT_WINDOW, false, WINDOWS);
        String apiKeyId = r.string(EventJson.Field.API_KEY_ID, false, ID);
        String inferenceGeo = r.string(EventJson.Field.INFERENCE_GEO, false, 64);
        Long httpStatus = r.count(EventJson.Field.HTTP_STATUS, false, 999);
        String errorMessage = r.freeText(EventJson.Field.ERROR_MESSAGE, 2_000);
        TokenCounts tokens = tokens(r);
        BigDecimal credits = r.decimal(EventJson.Field.CREDITS, 6);
        BigDecimal costUsd = r.decimal(EventJson.Field.COST_USD, 12);
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
        Instant at = r.timestamp(EventJson.Field.OCCURRED_AT);
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
        String teamId = r.string(EventJson.Field.TEAM_ID, true, 64);
        String problem = teamId == null ? null : TenantIds.problem(teamId);
        if (problem != null) {
            r.fail("team_id", problem);
            return null;
        }
        return teamId;
    }

    private static void checkErrorType(FieldReader r, EventStatus status, ErrorType errorType, EventJson json) {
        EventJson.Kind kind = json.kind(EventJson.Field.ERROR_TYPE);
        boolean given = kind != EventJson.Kind.ABSENT && kind != EventJson.Kind.NULL;
        if (status == EventStatus.ERROR && !given) {
            r.fail("error_type", "is required when status is error");
        } else if (status == EventStatus.SUCCESS && given) {
            r.fail("error_type", "must be absent when status is success");
        }
    }

    private static TokenCounts tokens(FieldReader r) {
        long input = orZero(r.count(EventJson.Field.INPUT_TOKENS, false, MAX_TOKENS));
        long cacheRead = orZero(r.count(EventJson.Field.CACHE_READ_INPUT_TOKENS, false, MAX_TOKENS));
        long cache5m = orZero(r.count(EventJson.Field.CACHE_CREATION_5M_INPUT_TOKENS, false, MAX_TOKENS));
        long cache1h = orZero(r.count(EventJson.Field.CACHE_CREATION_1H_INPUT_TOKENS, false, MAX_TOKENS));
        long output = orZero(r.count(EventJson.Field.OUTPUT_TOKENS, false, MAX_TOKENS));
        long webSearch = orZero(r.count(EventJson.Field.WEB_SEARCH_REQUESTS, false, MAX_TOKENS));
        BigDecimal codeExecution = r.decimal(EventJson.Field.CODE_EXECUTION_HOURS, CODE_EXECUTION_SCALE);
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
                r.string(EventJson.Field.USER_ID, false, ID),
                r.string(EventJson.Field.RUN_ID, false, ID),
                r.string(EventJson.Field.OP_NAME, false, ID),
                r.string(EventJson.Field.TRACE_ID, false, ID),
                r.string(EventJson.Field.PARENT_ID, false, ID),
                r.string(EventJson.Field.THREAD_ID, false, ID),
                r.string(EventJson.Field.TURN_ID, false, ID),
                r.strings(EventJson.Field.INPUT_REFS, 1_000, 1_024),
                r.strings(EventJson.Field.OUTPUT_REFS, 1_000, 1_024));
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    /** Every constant by its wire spelling, in declaration order (the order error messages list them in). */
    private static <E extends Enum<E>> Map<String, E> bySpelling(Class<E> type, Function<E, String> spelling) {
        Map<String, E> map = new LinkedHashMap<>();
        for (String wire : WireEnums.spellings(type, spelling)) {
            map.put(wire, WireEnums.parse(type, spelling, wire).orElseThrow());
        }
        return Collections.unmodifiableMap(map);
    }
}
