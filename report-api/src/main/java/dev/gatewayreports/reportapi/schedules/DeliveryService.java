package dev.gatewayreports.reportapi.schedules;

import dev.gatewayreports.model.audit.AuditAction;
import dev.gatewayreports.model.schedules.ReportWindow;
import dev.gatewayreports.reportapi.audit.AuditLog;
import dev.gatewayreports.reportapi.errors.ApiException;
import dev.gatewayreports.reportapi.quotas.SendQuotas;
import dev.gatewayreports.reportapi.reports.ObjectIds;
import dev.gatewayreports.reportapi.reports.ReportScopes;
import dev.gatewayreports.reportapi.reports.Section;
import dev.gatewayreports.reportapi.security.Caller;
import dev.gatewayreports.reportapi.settings.RecipientDomains;
import dev.gatewayreports.reportapi.teams.Organizations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Ad-hoc sends (recorded as pending deliveries for the scheduler) and reading any delivery. */
@ApplicationScoped
public class DeliveryService {
    private final DeliveryRepository deliveries;
    private final ReportScopes scopes;
    private final Organizations organizations;
    private final RecipientDomains domains;
    private final SendQuotas quotas;
    private final Clock clock;
    private final AuditLog audit;

    public DeliveryService(
            DeliveryRepository deliveries,
            ReportScopes scopes,
            Organizations organizations,
            RecipientDomains domains,
            SendQuotas quotas,
            Clock clock,
            AuditLog audit) {
        this.deliveries = deliveries;
        this.scopes = scopes;
        this.organizations = organizations;
        this.domains = domains;
        this.quotas = quotas;
        this.clock = clock;
        this.audit = audit;
    }

    /**
     * Records a delivery due now of the report ending today; any member of the team may send, within the send
     * quotas (429) and to the organization's allowed recipient domains (400).
     */
    @Transactional
    public SendResponse send(Caller caller, SendRequest request) {
        String team = scopes.resolve(caller, request.teamId()).label();
        List<String> recipients = request.recipients() != null ? request.recipients() : own(caller);
        domains.check(caller.orgId(), recipients);
        organizations.ensure(caller.orgId());
        organizations.registerTeam(caller.orgId(), team);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        quotas.checkSend(caller.orgId(), caller.subject(), now);
        DeliveryRepository.Send send = new DeliveryRepository.Send(
                request.type(),
                request.zone(),
                ReportWindow.endingBefore(now, request.days(), request.zone()),
                request.format(),
                Section.defaults(request.type()),
                recipients,
                caller.subject());
        String id = "dlv_" + UUID.randomUUID().toString().replace("-", "");
        if (!deliveries.insertSend(caller.orgId(), team, id, send, now)) {
            throw ApiException.notFound("team " + team);
        }
        audit.record(
                caller.orgId(),
                AuditAction.DELIVERY_REQUESTED,
                "delivery",
                id,
                ScheduleAudits.sent(team, request, send));
        return new SendResponse(id, "pending");
    }

    /** A delivery of a team the caller can see; 404 otherwise. */
    @Transactional
    public DeliveryResponse get(Caller caller, String deliveryId) {
        DeliveryResponse delivery =
                ObjectIds.wellFormed("dlv_", deliveryId) ? deliveries.find(caller.orgId(), deliveryId) : null;
        if (delivery == null || !scopes.visible(caller, delivery.teamId())) {
            throw ApiException.notFound("delivery " + deliveryId);
        }
        return delivery;
    }

    /** The caller's own address from its token; a token without one (a service) must name the recipients. */
    private static List<String> own(Caller caller) {
        if (caller.email() == null || caller.email().isBlank()) {
            throw ApiException.invalid(
                    "recipients", "the token carries no e-mail address: send a JSON array of recipients");
        }
        return ScheduleRequests.addresses(List.of(caller.email()));
    }
}
