package dev.gatewayreports.scheduling.alerts;

import dev.gatewayreports.model.alerts.WindowKind;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** The [start, end) a rule's measure is read over at evaluation time {@code now}; start equals end when empty. */
public record AlertWindow(Instant start, Instant end) {

    /**
     * last_hour: [now − 1 h, now); last_day: [now − 24 h, now); month_to_date: [the start of the local month in
     * {@code zone}, now) — local midnight of the 1st, or the first instant of that day where midnight is skipped.
     */
    public static AlertWindow at(WindowKind window, Instant now, ZoneId zone) {
        return switch (window) {
            case LAST_HOUR -> new AlertWindow(now.minus(Duration.ofHours(1)), now);
            case LAST_DAY -> new AlertWindow(now.minus(Duration.ofHours(24)), now);
            case MONTH_TO_DATE -> new AlertWindow(monthStart(now, zone), now);
        };
    }

    /** The first instant of the local month that {@code now} falls in. */
    public static Instant monthStart(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        return local.toLocalDate().withDayOfMonth(1).atStartOfDay(zone).toInstant();
    }

    public boolean empty() {
        return !start.isBefore(end);
    }
}
