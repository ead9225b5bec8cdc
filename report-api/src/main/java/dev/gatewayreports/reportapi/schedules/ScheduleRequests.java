package dev.gatewayreports.reportapi.schedules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewayreports.model.schedules.Frequency;
import dev.gatewayreports.model.schedules.Recipients;
import dev.gatewayreports.reportapi.errors.ApiException;
import dev.gatewayreports.reportapi.reports.ReportRequests;
import dev.gatewayreports.reportapi.reports.ReportScope;
import dev.gatewayreports.reportapi.reports.ReportType;
import dev.gatewayreports.reportapi.teams.TeamIds;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the body of {@code POST /v1/reports/schedule} and the parameters of {@code POST /v1/reports/send} into
 * validated values; every problem is a 400 naming its field. Unknown top-level fields are ignored, as for
 * {@code POST /v1/reports/generate}.
 */
public final class ScheduleRequests {
    /** The attachment formats of an e-mailed report. */
    public static final Set<String> FORMATS = Set.of("csv", "xlsx", "none");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

    private ScheduleRequests() {}

    /**
     * The body of a schedule request. Without {@code timezone} the schedule runs in the caller's zone: {@code
     * zoneinfo}, the token's claim, when it is an IANA zone, else UTC.
     */
    public static ScheduleRequest fromBody(JsonNode body, String zoneinfo) {
        if (body == null || !body.isObject()) {
            throw ApiException.invalid("body", "a JSON object with report_type, frequency and recipients is required");
        }
        ReportType type = ReportRequests.type(ReportRequests.text(body, "report_type"));
        Frequency frequency = frequency(ReportRequests.text(body, "frequency"));
        LocalTime time = time(ReportRequests.text(body, "schedule_time"));
        Integer day = day(frequency, body.get("schedule_day"));
        String timezone = ReportRequests.text(body, "timezone");
        ZoneId zone = timezone == null || timezone.isEmpty() ? callerZone(zoneinfo) : ReportRequests.zone(timezone);
        int days = days(body.get("days"), frequency.defaultDays());
        List<String> recipients = recipients(body.get("recipients"));
        String format = format(ReportRequests.text(body, "format"));
        String teamId = teamId(ReportRequests.text(body, "team_id"));
        return new ScheduleRequest(
                type,
                frequency,
                time,
                day,
                zone,
                days,
                recipients,
                format,
                teamId,
                ReportRequests.sections(type, body.get("sections")));
    }

    /** The zone of a token's {@code zoneinfo} claim when it names an IANA zone, else UTC. */
    static ZoneId callerZone(String zoneinfo) {
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
        if (TeamIds.problem(value) != null) {
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

    private static Frequency frequency(String value) {
        if (value == null) {
            throw ApiException.invalid("frequency", "frequency is required: daily, weekly or monthly");
        }
        return Frequency.fromWire(value)
                .orElseThrow(() -> ApiException.invalid("frequency", "frequency must be daily, weekly or monthly"));
    }

    private static LocalTime time(String value) {
        if (value == null || !TIME.matcher(value).matches()) {
            throw ApiException.invalid("schedule_time", "schedule_time must be a local time HH:MM from 00:00 to 23:59");
        }
        return LocalTime.parse(value);
    }

    private static Integer day(Frequency frequency, JsonNode node) {
        if (frequency == Frequency.DAILY) {
            return null;
        }
        int min = frequency.minDay().orElseThrow();
        int max = frequency.maxDay().orElseThrow();
        String expected = frequency == Frequency.WEEKLY
                ? "schedule_day must be a weekday from 0 (Sunday) to 6 for a weekly schedule"
                : "schedule_day must be a day of the month from 1 to 31 for a monthly schedule";
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()) {
            throw ApiException.invalid("schedule_day", expected);
        }
        int day = node.intValue();
        if (day < min || day > max) {
            throw ApiException.invalid("schedule_day", expected);
        }
        return day;
    }

    private static int days(JsonNode node, int fallback) {
        Integer days = ReportRequests.days(node);
        return days == null ? fallback : days;
    }
}
