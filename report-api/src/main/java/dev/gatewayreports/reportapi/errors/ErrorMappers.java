package dev.gatewayreports.reportapi.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.gatewayreports.model.stats.QueryTooLargeException;
import dev.gatewayreports.reportapi.input.UnsafeTextException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into the contract's error shape; no stack trace ever reaches a client. */
public class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    private final DatabaseConfig database;

    public ErrorMappers(DatabaseConfig database) {
        this.database = database;
    }

    @ServerExceptionMapper
    public Response api(ApiException e) {
        Response answer = json(e.status(), e.code(), e.getMessage(), e.field());
        if (e instanceof QuotaExceededException quota) {
            answer.getHeaders().putSingle(HttpHeaders.RETRY_AFTER, Long.toString(quota.retryAfterSeconds()));
        }
        return answer;
    }

    /**
     * A body Bean Validation refused: the first violation (by field, so the answer is stable) as a 400 naming its
     * field in JSON terms ({@code report_type}, {@code sections.summary}; {@code body} for the body as a whole).
     */
    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        return e.getConstraintViolations().stream()
                .map(v -> ApiException.invalid(ViolationFields.field(v), v.getMessage()))
                .min(java.util.Comparator.comparing(ApiException::field).thenComparing(ApiException::getMessage))
                .map(this::api)
                .orElseGet(() -> json(400, "invalid_request", "the request is invalid", "body"));
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            if (e instanceof UnrecognizedPropertyException unknown && unknown.getKnownPropertyIds() != null) {
                String known = unknown.getKnownPropertyIds().stream()
                        .map(String::valueOf)
                        .collect(Collectors.joining(", "));
                return json(400, "invalid_request", field + " is unknown: use one of " + known, field);
            }
            return json(400, "invalid_request", field + " has the wrong type or format", field);
        }
        return json(400, "invalid_request", "the body is not valid JSON", "body");
    }

    /** More specific than the built-in mapper of Quarkus REST, which would answer without naming the field. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return unreadableJson(e);
    }

    /** A JSON string that breaks {@link dev.gatewayreports.reportapi.input.TextRules}: a 400 naming its field. */
    @ServerExceptionMapper
    public Response unsafeText(UnsafeTextException e) {
        String field = e.field();
        return api(ApiException.invalid(field, field + " " + e.problem()));
    }

    @ServerExceptionMapper
    public Response tooLarge(QueryTooLargeException e) {
        return json(400, "query_too_large", e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return json(401, "unauthorized", "authentication required", null);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return json(403, "forbidden", "this credential may not use this endpoint", null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
            return json(500, "internal_error", "internal error", null);
        }
        String code = Response.Status.fromStatusCode(status) == null
                ? "invalid_request"
                : Response.Status.fromStatusCode(status).name().toLowerCase(java.util.Locale.ROOT);
        return json(status, code, e.getMessage(), null);
    }

    /**
     * Anything not mapped above: a database that is away or too slow (whatever wraps its exception) is a 503 with
     * {@code Retry-After}; everything else a 500 without details.
     */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        Optional<DatabaseFailures.Kind> database = DatabaseFailures.classify(e);
        if (database.isPresent()) {
            return unavailable(database.get(), e, this.database.retryAfterSeconds());
        }
        LOG.error("request failed", e);
        return json(500, "internal_error", "internal error", null);
    }

    /** The 503 of a database failure, logged in one line (an outage would otherwise flood the log with traces). */
    static Response unavailable(DatabaseFailures.Kind kind, Throwable e, int retryAfterSeconds) {
        LOG.warnf(
                "request failed, database %s: %s",
                kind == DatabaseFailures.Kind.TIMEOUT ? "too slow" : "unavailable", rootMessage(e));
        String message = kind == DatabaseFailures.Kind.TIMEOUT
                ? "the database did not answer in time; retry later"
                : "the database is unavailable; retry later";
        return Response.status(503)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds))
                .entity(ApiError.of("service_unavailable", message, null))
                .build();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        for (int i = 0; i < 32 && root.getCause() != null && root.getCause() != root; i++) {
            root = root.getCause();
        }
        return e.getClass().getSimpleName() + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    static Response json(int status, String code, String message, String field) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of(code, message, field))
                .build();
    }
}
