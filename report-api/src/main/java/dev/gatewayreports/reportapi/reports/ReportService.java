package dev.gatewayreports.reportapi.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewayreports.model.report.Report;
import dev.gatewayreports.model.time.Timestamps;
import dev.gatewayreports.reportapi.errors.ApiException;
import dev.gatewayreports.reportapi.security.Caller;
import dev.gatewayreports.reportapi.teams.Organizations;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** Generates, saves, lists and deletes reports for a caller. */
@ApplicationScoped
public class ReportService {
    private static final Instant NEWEST = Instant.parse("9999-12-31T00:00:00Z");

    private final ReportBuilder builder;
    private final ReportScopes scopes;
    private final SavedReportRepository saved;
    private final Organizations organizations;
    private final ObjectMapper mapper;
    private final Clock clock;

    public ReportService(
            ReportBuilder builder,
            ReportScopes scopes,
            SavedReportRepository saved,
            Organizations organizations,
            Clock clock) {
        this.builder = builder;
        this.scopes = scopes;
        this.saved = saved;
        this.organizations = organizations;
        this.mapper = ReportNumbers.MAPPER;
        this.clock = clock;
    }

    /** The report of the spec; saved (with an id) when the spec says so. */
    public Report generate(Caller caller, ReportSpec spec) {
        ReportScope scope = scopes.resolve(caller, spec.teamId());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String id = spec.save() ? "rpt_" + UUID.randomUUID().toString().replace("-", "") : null;
        Report report = builder.build(spec, scope, id, now);
        if (spec.save()) {
            // A token may name an organization no key, team or ingest has registered yet: saved_report needs its row.
            organizations.ensure(caller.orgId());
            saved.insert(
                    caller.orgId(),
                    new SavedReportRepository.Entry(
                            id, spec.type().wire(), scope.label(), now, spec.start(), spec.end()),
                    caller.email() != null ? caller.email() : caller.subject(),
                    caller.subject(),
                    json(report));
        }
        return report;
    }

    /** A saved report the caller may see, as stored (its body is the report object's text); 404 otherwise. */
    public SavedReportRepository.Stored find(Caller caller, String reportId) {
        SavedReportRepository.Stored stored =
                ObjectIds.wellFormed("rpt_", reportId) ? saved.find(caller.orgId(), reportId) : null;
        if (stored == null || !scopes.visible(caller, stored.teamId())) {
            throw ApiException.notFound("report " + reportId);
        }
        return stored;
    }

    /** The stored report, read back into the records (writing it again gives the stored text). */
    public Report read(String reportId, SavedReportRepository.Stored stored) {
        try {
            return mapper.readValue(stored.body(), Report.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored report " + reportId + " is not JSON", e);
        }
    }

    /** Deletes a saved report: its creator or a team admin of its team may; 404 when the caller cannot see it. */
    public void delete(Caller caller, String reportId) {
        SavedReportRepository.Stored stored = find(caller, reportId);
        boolean creator =
                stored.creatorSubject() != null && stored.creatorSubject().equals(caller.subject());
        if (!creator && !scopes.administers(caller, stored.teamId())) {
            throw ApiException.forbidden("deleting a report needs to be its creator or team_admin of its team");
        }
        saved.delete(caller.orgId(), reportId);
    }

    /** One page of the caller's saved reports, newest first; of one team ({@code all}: org-wide ones) when named. */
    public ReportPage list(Caller caller, int limit, String cursor, String type, String teamId) {
        Instant beforeAt = NEWEST;
        String beforeId = "";
        if (cursor != null && !cursor.isEmpty()) {
            String[] position = decode(cursor);
            beforeAt = Instant.parse(position[0]);
            beforeId = position[1];
        }
        List<String> teams;
        if (teamId != null) {
            if (!scopes.visible(caller, teamId)) {
                throw ApiException.notFound("team " + teamId);
            }
            teams = List.of(teamId);
        } else {
            teams = caller.organizationWide() ? null : List.copyOf(caller.teams());
        }
        List<SavedReportRepository.Entry> entries =
                saved.page(caller.orgId(), teams, type, beforeAt, beforeId, limit + 1);
        boolean more = entries.size() > limit;
        List<SavedReportRepository.Entry> page = more ? entries.subList(0, limit) : entries;
        String next = more ? encode(page.get(page.size() - 1)) : null;
        return new ReportPage(page.stream().map(ReportPage.Item::of).toList(), more, next);
    }

    private static String encode(SavedReportRepository.Entry last) {
        String position = last.generatedAt() + "|" + last.reportId();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decode(String cursor) {
        try {
            String position = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = position.split("\\|", 2);
            if (parts.length != 2
                    || !Timestamps.inRange(Instant.parse(parts[0]))
                    || !ObjectIds.wellFormed("rpt_", parts[1])) {
                throw new IllegalArgumentException(position);
            }
            return parts;
        } catch (RuntimeException e) {
            throw ApiException.invalid("cursor", "cursor is not one this API gave out");
        }
    }

    private String json(Report report) {
        try {
            return mapper.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
