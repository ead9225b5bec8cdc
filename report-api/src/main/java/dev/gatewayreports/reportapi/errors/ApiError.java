package dev.gatewayreports.reportapi.errors;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gatewayreports.reportapi.input.TextRules;

/** The error shape of the reports family: {@code {"error": {"code", "message", "field"}}}. */
public record ApiError(Body error) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Body(String code, String message, String field) {}

    /** The error; a message or field that echoes input has its control characters and lone surrogates masked. */
    public static ApiError of(String code, String message, String field) {
        return new ApiError(new Body(code, TextRules.printable(message), TextRules.printable(field)));
    }
}
