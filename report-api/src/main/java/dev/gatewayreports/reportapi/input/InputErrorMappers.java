package dev.gatewayreports.reportapi.input;

import dev.gatewayreports.reportapi.errors.ApiException;
import dev.gatewayreports.reportapi.errors.DatabaseConfig;
import dev.gatewayreports.reportapi.errors.ErrorMappers;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A JSON string that breaks {@link TextRules}: a 400 naming its field. */
public class InputErrorMappers {
    private final ErrorMappers errors;

    public InputErrorMappers(DatabaseConfig database) {
        this.errors = new ErrorMappers(database);
    }

    @ServerExceptionMapper
    public Response unsafeText(UnsafeTextException e) {
        String field = e.field();
        return errors.api(ApiException.invalid(field, field + " " + e.problem()));
    }
}
