package dev.gatewayreports.reportapi.keys;

import java.util.List;

/** Body of key creation: a name and scopes ({@code ingest}, {@code stats}; or {@code admin} alone). */
public record ServiceKeyRequest(String name, List<String> scopes) {}
