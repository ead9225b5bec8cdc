package dev.gatewayreports.reportapi.security;

import dev.gatewayreports.model.tenancy.TenantIds;
import dev.gatewayreports.reportapi.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The one place that decides whether a token with role {@link Roles#REPORT_SERVICE} may act for an organization:
 * only a client named in {@code reports.auth.report-service-clients}, and only for the organization its request
 * names. Every decision is logged (category {@value #LOG_CATEGORY}): INFO for an acting request, WARN for a refusal.
 */
@ApplicationScoped
public class ActingRequests {
    /** The logger category of acting requests. */
    public static final String LOG_CATEGORY = "dev.gatewayreports.acting";

    private static final Logger LOG = Logger.getLogger(LOG_CATEGORY);

    private final Set<String> clients;

    public ActingRequests(AuthConfig config) {
        this.clients = Set.copyOf(config.reportServiceClients());
    }

    /** True when a token of this client may carry role report_service. */
    public boolean mayAct(String clientId) {
        return clientId != null && clients.contains(clientId);
    }

    /**
     * The caller a report_service token acts as: the organization named in {@code X-Acting-Organization} (else the
     * token's own organization claim), with read access to all its reports.
     *
     * @param service the caller built from the token (it has role report_service)
     * @param actingOrganization the header's value, or null
     * @throws ApiException 403 when the token's client is not a configured report-service client; 400 naming the
     *     header when no organization is named
     */
    public Caller act(Caller service, String actingOrganization, String method, String path) {
        if (!mayAct(service.clientId())) {
            LOG.warnf(
                    "refused role report_service of client %s (subject %s): %s %s",
                    service.clientId(), service.subject(), method, path);
            throw ApiException.forbidden("role report_service is not accepted from "
                    + (service.clientId() == null ? "a token that names no client" : "client " + service.clientId()));
        }
        String org = actingOrganization != null ? actingOrganization : service.orgId();
        if (org == null || TenantIds.problem(org) != null) {
            throw ApiException.invalid(
                    CurrentCaller.ACTING_ORGANIZATION,
                    "a report_service token must name an organization in " + CurrentCaller.ACTING_ORGANIZATION);
        }
        LOG.infof(
                "report_service acting for organization %s: client %s, subject %s, %s %s",
                org, service.clientId(), service.subject(), method, path);
        return new Caller(
                service.kind(),
                service.subject(),
                service.email(),
                org,
                Set.of(),
                Set.of(Roles.REPORT_SERVICE),
                null,
                service.clientId());
    }
}
