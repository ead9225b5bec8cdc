package dev.gatewayreports.scheduling.delivery;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Puts {@link ServiceToken}'s current bearer token on every call to report-api. The client-credentials grant
 * stays our own code: quarkus-oidc-client (and its REST-client filter) is not served at the platform version here
 * (README "Traces and logs"); replace both with it when it is.
 */
public class ServiceTokenFilter implements ClientRequestFilter {
    private final ServiceToken token;

    public ServiceTokenFilter(ServiceToken token) {
        this.token = token;
    }

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token.current());
    }
}
