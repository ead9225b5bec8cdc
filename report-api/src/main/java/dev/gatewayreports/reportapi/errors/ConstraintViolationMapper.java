package dev.gatewayreports.reportapi.errors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.Locale;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A Bean Validation violation of a request (a bound query parameter, a body) is a 400 in the contract's shape,
 * naming the field: the last property of the violation's path in snake_case ({@code startingAt} →
 * {@code starting_at}). The message is "{@code <field> <constraint message>}". A violation of a return value is
 * the service's fault: a 500 without details.
 */
public class ConstraintViolationMapper {
    private static final Logger LOG = Logger.getLogger(ConstraintViolationMapper.class);

    @ServerExceptionMapper
    public Response violated(ConstraintViolationException e) {
        ConstraintViolation<?> first = e.getConstraintViolations().stream()
                .min(Comparator.comparing((ConstraintViolation<?> v) ->
                                v.getPropertyPath().toString())
                        .thenComparing(ConstraintViolation::getMessage))
                .orElse(null);
        if (first == null || isReturnValue(first.getPropertyPath())) {
            LOG.error("request failed", e);
            return ErrorMappers.json(500, "internal_error", "internal error", null);
        }
        String field = field(first.getPropertyPath());
        return ErrorMappers.json(400, "invalid_request", field + " " + first.getMessage(), field);
    }

    /** The last property (or parameter) named in the path, in snake_case. */
    static String field(Path path) {
        String name = null;
        for (Path.Node node : path) {
            if ((node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.PARAMETER)
                    && node.getName() != null) {
                name = node.getName();
            }
        }
        return name == null ? "request" : snake(name);
    }

    static String snake(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    private static boolean isReturnValue(Path path) {
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }
}
