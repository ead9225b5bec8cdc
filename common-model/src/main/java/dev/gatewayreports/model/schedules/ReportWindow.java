package dev.gatewayreports.model.schedules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The period an e-mailed report covers: the {@code days} whole local days before the day of its slot, in the
 * report's zone, exactly as {@code days=N} means for {@code POST /v1/reports/generate}. Fixed when a delivery is
 * made, so a retry later sends the same period.
 */
public record ReportWindow(Instant start, Instant end) {

    /** The window of a report of {@code days} days sent at {@code at} in {@code zone}. */
    public static ReportWindow endingBefore(Instant at, int days, ZoneId zone) {
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1");
        }
        LocalDate today = at.atZone(zone).toLocalDate();
        return new ReportWindow(
                today.minusDays(days).atStartOfDay(zone).toInstant(),
                today.atStartOfDay(zone).toInstant());
    }
}
