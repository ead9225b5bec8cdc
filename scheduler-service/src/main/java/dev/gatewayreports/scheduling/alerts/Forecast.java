package dev.gatewayreports.scheduling.alerts;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A budget's month-end forecast: month-to-date value ÷ elapsed local days × days in the local month. Elapsed local
 * days are the whole local days of the month before today plus the share of today that has passed, measured by
 * today's real length (23 h or 25 h on a DST change, 24 h otherwise).
 */
public final class Forecast {
    private Forecast() {}

    /** The elapsed local days of the month at {@code now} (e.g. 13.5 at noon of a 24-hour 14th). */
    public static BigDecimal elapsedLocalDays(Instant now, ZoneId zone) {
        LocalDate today = now.atZone(zone).toLocalDate();
        ZonedDateTime dayStart = today.atStartOfDay(zone);
        ZonedDateTime dayEnd = today.plusDays(1).atStartOfDay(zone);
        long passed = Duration.between(dayStart.toInstant(), now).toNanos();
        long length = Duration.between(dayStart.toInstant(), dayEnd.toInstant()).toNanos();
        BigDecimal share = BigDecimal.valueOf(passed).divide(BigDecimal.valueOf(length), MathContext.DECIMAL128);
        return BigDecimal.valueOf(today.getDayOfMonth() - 1L).add(share);
    }

    /**
     * The forecast at {@code now} of a month-to-date {@code value}, to 12 decimals; null when fewer than
     * {@code afterDays} local days have passed (or none at all).
     */
    public static BigDecimal of(BigDecimal value, Instant now, ZoneId zone, int afterDays) {
        if (value == null) {
            return null;
        }
        BigDecimal elapsed = elapsedLocalDays(now, zone);
        if (elapsed.signum() == 0 || elapsed.compareTo(BigDecimal.valueOf(afterDays)) < 0) {
            return null;
        }
        int days = now.atZone(zone).toLocalDate().lengthOfMonth();
        return value.multiply(BigDecimal.valueOf(days))
                .divide(elapsed, MathContext.DECIMAL128)
                .setScale(12, RoundingMode.HALF_UP);
    }
}
