package dev.gatewayreports.reportapi.alerts;

import dev.gatewayreports.model.audit.AuditAction;
import dev.gatewayreports.reportapi.audit.AuditLog;
import dev.gatewayreports.reportapi.errors.ApiException;
import dev.gatewayreports.reportapi.reports.ObjectIds;
import dev.gatewayreports.reportapi.reports.ReportScopes;
import dev.gatewayreports.reportapi.security.Caller;
import dev.gatewayreports.reportapi.security.Roles;
import dev.gatewayreports.reportapi.settings.RecipientDomains;
import dev.gatewayreports.reportapi.teams.Organizations;
import dev.gatewayreports.reportapi.webhooks.WebhookSecretResponse;
import dev.gatewayreports.reportapi.webhooks.WebhookSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Alert rules for a caller: team admins manage their teams' rules, members read them, org admins do everything in
 * their organization, organization-wide rules included. A rule the caller cannot see is a 404, like one that does
 * not exist; one it sees but may not change a 403.
 */
@ApplicationScoped
public class AlertService {
    static final String ID_PREFIX = "alr_";

    private final AlertRepository alerts;
    private final AlertHistoryRepository history;
    private final ReportScopes scopes;
    private final Organizations organizations;
    private final RecipientDomains domains;
    private final WebhookSecrets secrets;
    private final Clock clock;
    private final AuditLog audit;

    public AlertService(
            AlertRepository alerts,
            AlertHistoryRepository history,
            ReportScopes scopes,
            Organizations organizations,
            RecipientDomains domains,
            WebhookSecrets secrets,
            Clock clock,
            AuditLog audit) {
        this.alerts = alerts;
        this.history = history;
        this.scopes = scopes;
        this.organizations = organizations;
        this.domains = domains;
        this.secrets = secrets;
        this.clock = clock;
        this.audit = audit;
    }

    /** A new rule, due for evaluation now; with its webhook secret (shown this once) when it has a webhook. */
    @Transactional
    public AlertResponse create(Caller caller, AlertRequest request) {
        administeredScope(caller, request.teamId());
        domains.check(caller.orgId(), request.recipients());
        String alertId = ID_PREFIX + UUID.randomUUID().toString().replace("-", "");
        WebhookSecrets.Sealed secret = request.webhookUrl() == null ? null : secrets.create(alertId);
        String by = caller.email() != null ? caller.email() : caller.subject();
        AlertResponse created =
                alerts.insert(caller.orgId(), alertId, request, secret == null ? null : secret.sealed(), by, now());
        audit.record(caller.orgId(), AuditAction.ALERT_CREATED, "alert", alertId, AlertAudits.details(created));
        return secret == null ? created : created.withSecret(secret.secret());
    }

    /** Every rule the caller can see, or one team's ({@code team_id}) rules. */
    @Transactional
    public AlertList list(Caller caller, String teamId) {
        boolean orgAdmin = caller.has(Roles.ORG_ADMIN);
        if (teamId == null) {
            return new AlertList(alerts.list(caller.orgId(), orgAdmin ? null : List.copyOf(caller.teams()), orgAdmin));
        }
        String team = AlertRequests.teamId(teamId);
        if (!scopes.visible(caller, team)) {
            throw ApiException.notFound("team " + team);
        }
        return new AlertList(alerts.list(caller.orgId(), List.of(team), false));
    }

    /** One rule the caller can see. */
    @Transactional
    public AlertResponse get(Caller caller, String alertId) {
        return visible(caller, alertId, false);
    }

    /**
     * Replaces the whole rule. The webhook secret stays while a webhook URL stays set (whatever the URL), goes with
     * the URL, and is made (and answered once) when a URL is set on a rule that had none. A change of kind, measure,
     * window, comparison, threshold or team starts the evaluation again (state ok, due now).
     */
    @Transactional
    public AlertResponse update(Caller caller, String alertId, AlertRequest request) {
        AlertResponse stored = visible(caller, alertId, true);
        administeredScope(caller, stored.teamId());
        administeredScope(caller, request.teamId());
        domains.check(caller.orgId(), request.recipients());
        boolean hadWebhook = stored.webhookUrl() != null;
        WebhookSecrets.Sealed secret = request.webhookUrl() != null && !hadWebhook ? secrets.create(alertId) : null;
        AlertResponse updated = alerts.update(
                caller.orgId(),
                alertId,
                request,
                secret == null ? null : secret.sealed(),
                request.webhookUrl() != null,
                request.changesEvaluation(stored),
                now());
        audit.recordChanges(
                caller.orgId(),
                AuditAction.ALERT_UPDATED,
                "alert",
                alertId,
                AlertAudits.changes(stored, updated, secret != null));
        return secret == null ? updated : updated.withSecret(secret.secret());
    }

    /** Deletes the rule with its events and deliveries. */
    @Transactional
    public void delete(Caller caller, String alertId) {
        AlertResponse stored = visible(caller, alertId, true);
        administeredScope(caller, stored.teamId());
        alerts.delete(caller.orgId(), alertId);
        audit.record(caller.orgId(), AuditAction.ALERT_DELETED, "alert", alertId, AlertAudits.identity(stored));
    }

    /** A new webhook secret for the rule, shown once; the old one stops verifying at once. */
    @Transactional
    public WebhookSecretResponse rotate(Caller caller, String alertId) {
        AlertResponse stored = visible(caller, alertId, true);
        administeredScope(caller, stored.teamId());
        if (stored.webhookUrl() == null) {
            throw ApiException.conflict("webhook_url", "the rule has no webhook_url: set one first (PUT)");
        }
        WebhookSecrets.Sealed secret = secrets.create(alertId);
        alerts.rotate(caller.orgId(), alertId, secret.sealed(), now());
        audit.record(
                caller.orgId(),
                AuditAction.ALERT_WEBHOOK_SECRET_ROTATED,
                "alert",
                alertId,
                AlertAudits.identity(stored));
        return new WebhookSecretResponse(secret.secret());
    }

    /** One page of the rule's events, newest first. */
    @Transactional
    public AlertEventPage events(Caller caller, String alertId, int limit, String cursor) {
        AlertCursor.Position after = AlertCursor.decode(cursor, "ale_");
        visible(caller, alertId, false);
        List<AlertEventResponse> rows = history.events(caller.orgId(), alertId, after, limit + 1);
        boolean more = rows.size() > limit;
        List<AlertEventResponse> page = more ? rows.subList(0, limit) : rows;
        AlertEventResponse last = page.isEmpty() ? null : page.get(page.size() - 1);
        return new AlertEventPage(page, more, more ? AlertCursor.encode(last.occurredAt(), last.eventId()) : null);
    }

    /** One page of the rule's notifications (the delivery log), newest first. */
    @Transactional
    public AlertDeliveryPage deliveries(Caller caller, String alertId, int limit, String cursor) {
        AlertCursor.Position after = AlertCursor.decode(cursor, "aln_");
        visible(caller, alertId, false);
        List<AlertDeliveryResponse> rows = history.deliveries(caller.orgId(), alertId, after, limit + 1);
        boolean more = rows.size() > limit;
        List<AlertDeliveryResponse> page = more ? rows.subList(0, limit) : rows;
        AlertDeliveryResponse last = page.isEmpty() ? null : page.get(page.size() - 1);
        return new AlertDeliveryPage(
                page, more, more ? AlertCursor.encode(last.createdAt(), last.notificationId()) : null);
    }

    /**
     * The rule when the caller may read it: a team rule for members of its team (any for an org admin), an
     * organization-wide rule for org admins; 404 otherwise, as for a rule that does not exist.
     */
    AlertResponse visible(Caller caller, String alertId, boolean forUpdate) {
        AlertResponse rule =
                ObjectIds.wellFormed(ID_PREFIX, alertId) ? alerts.find(caller.orgId(), alertId, forUpdate) : null;
        boolean sees = rule != null
                && (rule.teamId() == null ? caller.has(Roles.ORG_ADMIN) : scopes.visible(caller, rule.teamId()));
        if (!sees) {
            throw ApiException.notFound("alert " + alertId);
        }
        return rule;
    }

    /**
     * Checks that the caller may manage rules of the team (null: the whole organization) and registers a team its
     * token names: 400 on {@code team_id} when a non-org-admin names none, 404 for a team it cannot see, 403 when it
     * only reads the team.
     */
    private void administeredScope(Caller caller, String teamId) {
        organizations.ensure(caller.orgId());
        if (teamId == null) {
            if (!caller.has(Roles.ORG_ADMIN)) {
                throw ApiException.invalid(
                        "team_id", "team_id is required: only an org_admin makes organization-wide rules");
            }
            return;
        }
        if (!scopes.visible(caller, teamId)) {
            throw ApiException.notFound("team " + teamId);
        }
        if (!scopes.administers(caller, teamId)) {
            throw ApiException.forbidden("alert rules need the team_admin role for team " + teamId);
        }
        organizations.registerTeam(caller.orgId(), teamId);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
