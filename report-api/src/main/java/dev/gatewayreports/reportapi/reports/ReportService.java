package dev.gatewayreports.reportapi.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
    public ObjectNode generate(Caller caller, ReportSpec spec) {
        ReportScope scope = scopes.resolve(caller, spec.teamId());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String id = spec.save() ? "rpt_" + UUID.randomUUID().toString().replace("-", "") : null;
        ObjectNode report = builder.build(spec, scope, id, now);
        if (spec.save()) {
            // A token may name an organization no key, team or ingest has registered yet: saved_report needs its row.
            organizations.ensure(caller.orgId());
            saved.insert(
                    caller.orgId(),
                    new SavedReportRepository.Entry(
                            id, spec.type().wire(), scope.label(), now, spec.start(), spec.end()),
                    caller.email() != null ? caller.email() : caller.subject(),
                    json(report));
        }
        return report;
    }

    /** A saved report the caller may see; 404 otherwise. */
    public JsonNode get(Caller caller, String reportId) {
        SavedReportRepository.Stored stored =
                ObjectIds.wellFormed("rpt_", reportId) ? saved.find(caller.orgId(), reportId) : null;
        if (stored == null || !scopes.visible(caller, stored.teamId())) {
            throw ApiException.notFound("report " + reportId);
        }
        try {
            return mapper.readTree(stored.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored report " + reportId + " is not JSON", e);
        }
    }

    public void delete(Caller caller, String reportId) {
        SavedReportRepository.Stored stored =
                ObjectIds.wellFormed("rpt_", reportId) ? saved.find(caller.orgId(), reportId) : null;
        if (stored == null || !scopes.visible(caller, stored.teamId())) {
            throw ApiException.notFound("report " + reportId);
        }
        if (!scopes.administers(caller, stored.teamId())) {
            throw ApiException.forbidden("deleting a report needs team_admin of its team");
        }
        saved.delete(caller.orgId(), reportId);
    }

    /** One page of the caller's saved reports, newest first. */
    public ReportPage list(Caller caller, int limit, String cursor, String type) {
        Instant beforeAt = NEWEST;
        String beforeId = "";
        if (cursor != null && !cursor.isEmpty()) {
            String[] position = decode(cursor);
            beforeAt = Instant.parse(position[0]);
            beforeId = position[1];
        }
        List<String> teams = caller.organizationWide() ? null : List.copyOf(caller.teams());
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

    private String json(JsonNode report) {
        try {
            return mapper.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
