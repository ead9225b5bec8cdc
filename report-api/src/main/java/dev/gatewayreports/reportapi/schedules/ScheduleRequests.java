package dev.gatewayreports.reportapi.schedules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewayreports.model.schedules.Frequency;
import dev.gatewayreports.model.schedules.Recipients;
import dev.gatewayreports.model.tenancy.TenantIds;
import dev.gatewayreports.reportapi.errors.ApiException;
import dev.gatewayreports.reportapi.reports.ReportRequests;
import dev.gatewayreports.reportapi.reports.ReportScope;
import dev.gatewayreports.reportapi.reports.ReportType;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the body of {@code POST /v1/reports/schedule} and the parameters of {@code POST /v1/reports/send} into
 * validated values; every problem is a 400 naming its field.
 */
public final class ScheduleRequests {
    /** The attachment formats of an e-mailed report. */
    public static final Set<String> FORMATS = Set.of("csv", "xlsx", "none");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ScheduleRequests() {}

    /**
     * A schedule body that Bean Validation has accepted (see {@link ScheduleBody}); team id and recipients are
     * checked here. Without {@code timezone} the schedule runs in the caller's zone: {@code zoneinfo}, the token's
     * claim, when it is an IANA zone, else UTC.
     */
    public static ScheduleRequest fromBody(ScheduleBody body, String zoneinfo) {
        ReportType type = ReportRequests.type(body.reportType());
        Frequency frequency = Frequency.fromWire(body.frequency()).orElseThrow();
        String timezone = body.timezone();
        ZoneId zone = timezone == null || timezone.isEmpty() ? callerZone(zoneinfo) : ReportRequests.zone(timezone);
        return new ScheduleRequest(
                type,
                frequency,
                LocalTime.parse(body.scheduleTime()),
                frequency == Frequency.DAILY ? null : body.scheduleDay(),
                zone,
                body.days() == null ? frequency.defaultDays() : body.days(),
                channels(body.recipients(), body.webhookUrl()),
                format(body.format()),
                teamId(body.teamId()),
                ReportRequests.sections(type, body.sections()),
                body.webhookUrl());
    }

    /**
     * A schedule's recipients: 1–50 valid addresses, or none when it has a webhook (at least one channel); an
     * address given with a webhook is checked all the same.
     */
    static List<String> channels(List<String> recipients, String webhookUrl) {
        if (recipients == null || recipients.isEmpty()) {
            if (webhookUrl != null) {
                return List.of();
            }
            throw ApiException.invalid(
                    "recipients", "recipients is required: 1 to " + Recipients.MAX + " addresses, or a webhook_url");
        }
        return addresses(recipients);
    }

    /** The zone of a token's {@code zoneinfo} claim when it names an IANA zone, else UTC. */
    public static ZoneId callerZone(String zoneinfo) {
        return zoneinfo != null && ZoneId.getAvailableZoneIds().contains(zoneinfo)
                ? ZoneId.of(zoneinfo)
                : ZoneId.of("UTC");
    }

    /**
     * The parameters and body of a send. The body is a JSON array of addresses; an absent or blank body, or an
     * empty array, means the caller's own e-mail.
     */
    public static SendRequest send(
            String type, String days, String teamId, String format, String timezone, String body) {
        ReportType reportType = ReportRequests.type(type);
        int n = days(days, 7);
        String team = teamId(teamId);
        String attachment = format(format);
        ZoneId zone = ReportRequests.zone(timezone);
        JsonNode addresses = body == null || body.isBlank() ? null : parse(body);
        List<String> recipients =
                addresses == null || (addresses.isArray() && addresses.isEmpty()) ? null : recipients(addresses);
        return new SendRequest(reportType, n, team, attachment, zone, recipients);
    }

    /** The {@code days} query parameter: 1–366, {@code fallback} when absent. */
    public static int days(String value, int fallback) {
        Integer days = ReportRequests.days(value);
        return days == null ? fallback : days;
    }

    /** The attachment format: csv, xlsx or none (the default). */
    public static String format(String value) {
        if (value == null || value.isEmpty()) {
            return "none";
        }
        if (!FORMATS.contains(value)) {
            throw ApiException.invalid("format", "format must be csv, xlsx or none");
        }
        return value;
    }

    /** A team id, or null for the caller's only team; {@code all} is refused, schedules and sends are per team. */
    public static String teamId(String value) {
        if (value == null) {
            return null;
        }
        if (ReportScope.ALL.equals(value)) {
            throw ApiException.invalid("team_id", "team_id must name one team: schedules and sends are per team");
        }
        if (TenantIds.problem(value) != null) {
            throw ApiException.invalid("team_id", "team_id must be a team id");
        }
        return value;
    }

    /** A JSON array of addresses: 1–50 valid ones, kept once each. */
    public static List<String> recipients(JsonNode node) {
        if (node == null || node.isNull()) {
            throw ApiException.invalid("recipients", "recipients is required: 1 to " + Recipients.MAX + " addresses");
        }
        if (!node.isArray()) {
            throw ApiException.invalid("recipients", "recipients must be an array of e-mail addresses");
        }
        List<String> addresses = new ArrayList<>();
        for (JsonNode address : node) {
            if (!address.isTextual()) {
                throw ApiException.invalid("recipients", "recipients must be an array of e-mail addresses");
            }
            addresses.add(address.textValue());
        }
        return addresses(addresses);
    }

    /** 1–50 valid addresses, kept once each (case-insensitively) in their first order. */
    public static List<String> addresses(List<String> addresses) {
        Optional<String> problem = Recipients.listProblem(addresses);
        if (problem.isPresent()) {
            throw ApiException.invalid("recipients", "recipients " + problem.get());
        }
        return Recipients.distinct(addresses);
    }

    private static JsonNode parse(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.invalid("body", "the body is not valid JSON: send a JSON array of e-mail addresses");
        }
    }
}
