package dev.gatewayreports.reportapi.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A service-key secret presented with a request. */
public class ServiceKeyCredential extends BaseAuthenticationRequest {
    private final String secret;

    public ServiceKeyCredential(String secret) {
        this.secret = secret;
    }

    public String secret() {
        return secret;
    }
}
