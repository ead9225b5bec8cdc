package dev.gatewayreports.reportapi.admin;

/** The admin API's error shape: {@code {"type": "error", "error": {"type", "message"}}}. */
public record AdminError(String type, Body error) {

    /** The error itself. */
    public record Body(String type, String message) {}

    static AdminError of(int status, String message) {
        String type = switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
        return new AdminError("error", new Body(type, message));
    }
}
