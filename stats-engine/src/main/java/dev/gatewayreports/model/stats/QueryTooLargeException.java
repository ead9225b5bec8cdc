package dev.gatewayreports.model.stats;

/** A query that would answer more buckets or rows than allowed; callers turn it into a 400. */
public class QueryTooLargeException extends RuntimeException {
    public QueryTooLargeException(String message) {
        super(message, null, false, false);
    }
}
