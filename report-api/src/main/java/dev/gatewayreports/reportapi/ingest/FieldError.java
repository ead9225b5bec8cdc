package dev.gatewayreports.reportapi.ingest;

/** One problem with one field of one event. */
public record FieldError(String field, String message) {}
