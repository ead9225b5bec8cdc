package dev.gatewayreports.model.audit;

/**
 * Who did what an audit row records. Never a secret: a service key is named by its id.
 *
 * @param subject the OIDC subject (or the key id of a service key, or the component of a system run)
 * @param clientId the OIDC client the token was issued to ({@code azp} or {@code client_id}), when known
 */
public record Actor(Kind kind, String subject, String email, String keyId, String clientId) {

    /** The kind of credential behind an action. */
    public enum Kind {
        /** A person's OIDC token. */
        USER("user"),
        /** An organization's service key. */
        SERVICE_KEY("service_key"),
        /** A service's OIDC token acting for an organization (report_service: the scheduler). */
        SERVICE("service"),
        /** An operator's OIDC token on the worker's operations endpoints. */
        OPERATOR("operator"),
        /** A scheduled job of the platform itself (nightly retention). */
        SYSTEM("system");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** A scheduled job of a component, e.g. {@code system("aggregation-worker")}. */
    public static Actor system(String component) {
        return new Actor(Kind.SYSTEM, component, null, null, null);
    }
}
