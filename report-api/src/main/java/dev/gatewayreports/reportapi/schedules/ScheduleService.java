package dev.gatewayreports.reportapi.schedules;

import dev.gatewayreports.model.audit.AuditAction;
import dev.gatewayreports.reportapi.audit.AuditLog;
import dev.gatewayreports.reportapi.errors.ApiException;
import dev.gatewayreports.reportapi.reports.ReportScope;
import dev.gatewayreports.reportapi.reports.ReportScopes;
import dev.gatewayreports.reportapi.reports.ReportType;
import dev.gatewayreports.reportapi.security.Caller;
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

/** Creates, replaces, lists and deletes report schedules for a caller. */
@ApplicationScoped
public class ScheduleService {
    private final ScheduleRepository schedules;
    private final ReportScopes scopes;
    private final Organizations organizations;
    private final RecipientDomains domains;
    private final Clock clock;
    private final AuditLog audit;
    private final WebhookSecrets secrets;

    public ScheduleService(
            ScheduleRepository schedules,
            ReportScopes scopes,
            Organizations organizations,
            RecipientDomains domains,
            Clock clock,
            AuditLog audit,
            WebhookSecrets secrets) {
        this.schedules = schedules;
        this.scopes = scopes;
        this.organizations = organizations;
        this.domains = domains;
        this.clock = clock;
        this.audit = audit;
        this.secrets = secrets;
    }

    /**
     * Creates the team's schedule of the type, or replaces it (same id); next_run_at is the next slot from now. The
     * first save with a webhook_url makes its signing secret, answered this once; later saves keep it while a
     * webhook_url stays set (whatever the URL) and drop it with the webhook_url.
     */
    @Transactional
    public ScheduleResponse save(Caller caller, ScheduleRequest request) {
        String team = administeredTeam(caller, request.teamId());
        domains.check(caller.orgId(), request.recipients());
        organizations.ensure(caller.orgId());
        organizations.registerTeam(caller.orgId(), team);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String newId = "sch_" + UUID.randomUUID().toString().replace("-", "");
        String by = caller.email() != null ? caller.email() : caller.subject();
        ScheduleRepository.Existing existing = schedules.existing(caller.orgId(), team, request.type());
        String sealed = null;
        WebhookSecrets.Sealed secret = null;
        if (request.webhookUrl() != null) {
            if (existing != null && existing.sealedSecret() != null) {
                sealed = existing.sealedSecret();
            } else {
                secret = secrets.create(existing != null ? existing.scheduleId() : newId);
                sealed = secret.sealed();
            }
        }
        ScheduleResponse saved = schedules.upsert(
                caller.orgId(), team, request, newId, request.rule().nextAfter(now), now, by, sealed);
        if (saved == null) {
            throw ApiException.notFound("team " + team);
        }
        audit.record(
                caller.orgId(),
                ScheduleAudits.saved(saved, newId),
                "schedule",
                saved.scheduleId(),
                ScheduleAudits.details(saved));
        return secret == null ? saved : saved.withSecret(secret.secret());
    }

    /** A new webhook secret for the team's schedule of the type, shown once; the old one stops signing at once. */
    @Transactional
    public WebhookSecretResponse rotate(Caller caller, ReportType type, String teamId) {
        String team = administeredTeam(caller, teamId);
        ScheduleRepository.Existing existing = schedules.existing(caller.orgId(), team, type);
        if (existing == null) {
            throw ApiException.notFound("schedule of " + type.wire() + " reports for team " + team);
        }
        WebhookSecrets.Sealed secret = secrets.create(existing.scheduleId());
        if (schedules.rotate(caller.orgId(), team, type, secret.sealed(), clock.instant()) == null) {
            throw ApiException.conflict("webhook_url", "the schedule has no webhook_url: set one first");
        }
        audit.record(
                caller.orgId(),
                AuditAction.SCHEDULE_WEBHOOK_SECRET_ROTATED,
                "schedule",
                existing.scheduleId(),
                ScheduleAudits.rotated(team, type));
        return new WebhookSecretResponse(secret.secret());
    }

    /** Every schedule the caller can see, or those of one team ({@code all} or absent: every one). */
    @Transactional
    public PreferencesResponse list(Caller caller, String teamId) {
        List<String> teams;
        if (teamId == null || ReportScope.ALL.equals(teamId)) {
            teams = caller.organizationWide() ? null : List.copyOf(caller.teams());
        } else {
            ScheduleRequests.teamId(teamId);
            if (!scopes.visible(caller, teamId)) {
                throw ApiException.notFound("team " + teamId);
            }
            teams = List.of(teamId);
        }
        return new PreferencesResponse(schedules.list(caller.orgId(), teams));
    }

    /** Deletes the team's schedule of the type; 404 when there is none. */
    @Transactional
    public void delete(Caller caller, ReportType type, String teamId) {
        String team = administeredTeam(caller, teamId);
        String deleted = schedules.delete(caller.orgId(), team, type);
        if (deleted == null) {
            throw ApiException.notFound("schedule of " + type.wire() + " reports for team " + team);
        }
        audit.record(
                caller.orgId(), AuditAction.SCHEDULE_DELETED, "schedule", deleted, ScheduleAudits.deleted(team, type));
    }

    /** The one team named (or the caller's only one): 404 when not visible, 403 when the caller only reads it. */
    private String administeredTeam(Caller caller, String teamId) {
        String team = scopes.resolve(caller, ScheduleRequests.teamId(teamId)).label();
        if (!scopes.administers(caller, team)) {
            throw ApiException.forbidden("schedules need the team_admin role for team " + team);
        }
        return team;
    }
}
