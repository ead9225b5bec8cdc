package dev.gatewayreports.reportapi.errors;

/** A client error with its HTTP status, machine code, message and the field it is about. */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final String field;

    public ApiException(int status, String code, String message, String field) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(400, "invalid_request", message, field);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not_found", what + " not found", null);
    }

    public static ApiException conflict(String field, String message) {
        return new ApiException(409, "conflict", message, field);
    }

    public static ApiException tooLarge(String field, String message) {
        return new ApiException(413, "payload_too_large", message, field);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message, null);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
