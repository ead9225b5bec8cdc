package dev.gatewayreports.reportapi.admin;

import dev.gatewayreports.reportapi.errors.ApiError;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Errors under {@code /v1/organizations/} take the admin API's shape; every other path keeps the reports
 * family's. The exception mappers stay the one place that decides status and message.
 */
public class AdminErrorFilter {
    static final String PREFIX = "/v1/organizations/";

    @ServerResponseFilter
    public void adminShape(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof ApiError error
                && isAdminPath(request.getUriInfo().getPath())) {
            String message = error.error().message();
            String field = error.error().field();
            if (field != null && message != null && !message.startsWith(field)) {
                message = field + ": " + message; // the admin shape has no field: the message names it
            }
            response.setEntity(AdminError.of(response.getStatus(), message), null, MediaType.APPLICATION_JSON_TYPE);
        }
    }

    static boolean isAdminPath(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        return p.startsWith(PREFIX);
    }
}
