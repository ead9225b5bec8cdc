package dev.gatewayreports.reportapi.errors;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The error shape of the reports family: {@code {"error": {"code", "message", "field"}}}. */
public record ApiError(Body error) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Body(String code, String message, String field) {}

    public static ApiError of(String code, String message, String field) {
        return new ApiError(new Body(code, message, field));
    }
}
