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
    public static final String PREFIX = "/v1/organizations/";

    @ServerResponseFilter
    public void adminShape(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof ApiError error
                && isAdminPath(request.getUriInfo().getPath())) {
            String message = adminMessage(
                    error.error().message(), parameter(error.error().field()));
            response.setEntity(AdminError.of(response.getStatus(), message), null, MediaType.APPLICATION_JSON_TYPE);
        }
    }

    /**
     * The admin shape has no {@code field}: its message starts with the parameter, {@code limit: must be …}, a
     * list parameter with its brackets ({@code group_by[]: …}). A message in the reports family's form
     * ({@code limit must be …}) is put in this one.
     */
    static String adminMessage(String message, String field) {
        if (field == null || message == null) {
            return message;
        }
        String name = AdminQueryForms.LISTS.contains(field) ? field + "[]" : field;
        if (message.startsWith(field + ": ") || message.startsWith(name + ": ")) {
            return message;
        }
        return name + ": " + (message.startsWith(field + " ") ? message.substring(field.length() + 1) : message);
    }

    /**
     * The admin parameters are flat: a violation inside a group bound together ({@link PeriodParams}, path {@code
     * period.starting_at}) names its parameter.
     */
    static String parameter(String field) {
        return field == null ? null : field.substring(field.lastIndexOf('.') + 1);
    }

    static boolean isAdminPath(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        return p.startsWith(PREFIX);
    }
}
