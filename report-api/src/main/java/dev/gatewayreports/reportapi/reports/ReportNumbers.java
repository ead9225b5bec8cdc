package dev.gatewayreports.reportapi.reports;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How a report writes its numbers: money exact with at most 6 decimals, percents and latencies rounded, and
 * null where there is nothing to compute from. Every decimal is plain (no exponent, no trailing zeros).
 */
final class ReportNumbers {
    /** Writes reports and reads saved ones back with every decimal exact; ignores keys a newer version added. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private ReportNumbers() {}

    /** Credits or USD: at most 6 decimals (half-even), no trailing zeros, never in exponent notation. */
    static BigDecimal money(BigDecimal value) {
        return plain(value.setScale(6, RoundingMode.HALF_EVEN));
    }

    /** {@code part} as a percent of {@code whole}, 2 decimals; null when the whole is zero. */
    static BigDecimal percent(long part, long whole) {
        if (whole == 0) {
            return null;
        }
        return plain(
                BigDecimal.valueOf(part).multiply(HUNDRED).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP));
    }

    /** The change from {@code previous} to {@code current} in percent, 2 decimals; null when there was nothing before. */
    static BigDecimal change(BigDecimal current, BigDecimal previous) {
        if (current == null || previous == null || previous.signum() == 0) {
            return null;
        }
        return plain(current.subtract(previous).multiply(HUNDRED).divide(previous.abs(), 2, RoundingMode.HALF_UP));
    }

    static BigDecimal change(long current, long previous) {
        return change(BigDecimal.valueOf(current), BigDecimal.valueOf(previous));
    }

    /** Milliseconds with one decimal; null when there were no requests. */
    static BigDecimal millis(Double value) {
        if (value == null) {
            return null;
        }
        return plain(BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP));
    }

    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
