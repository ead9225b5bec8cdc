package dev.gatewayreports.reportapi.reports;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How a report writes its numbers: money exact with at most 6 decimals, percents and latencies rounded, and
 * null where there is nothing to compute from.
 */
final class ReportNumbers {
    /** Keeps BigDecimals as given (the default factory strips zeros into exponent notation). */
    static final JsonNodeFactory JSON = JsonNodeFactory.withExactBigDecimals(true);

    /** Reads saved reports back with every decimal exact. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JSON)
            .build();

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private ReportNumbers() {}

    /** Credits or USD: at most 6 decimals (half-even), no trailing zeros, never in exponent notation. */
    static JsonNode money(BigDecimal value) {
        return JSON.numberNode(plain(value.setScale(6, RoundingMode.HALF_EVEN)));
    }

    /** {@code part} as a percent of {@code whole}, 2 decimals; null when the whole is zero. */
    static JsonNode percent(long part, long whole) {
        if (whole == 0) {
            return NullNode.instance;
        }
        return JSON.numberNode(plain(
                BigDecimal.valueOf(part).multiply(HUNDRED).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP)));
    }

    /** The change from {@code previous} to {@code current} in percent, 2 decimals; null when there was nothing before. */
    static JsonNode change(JsonNode current, JsonNode previous) {
        if (current == null || previous == null || !current.isNumber() || !previous.isNumber()) {
            return NullNode.instance;
        }
        BigDecimal before = previous.decimalValue();
        if (before.signum() == 0) {
            return NullNode.instance;
        }
        return JSON.numberNode(plain(current.decimalValue()
                .subtract(before)
                .multiply(HUNDRED)
                .divide(before.abs(), 2, RoundingMode.HALF_UP)));
    }

    /** Milliseconds with one decimal; null when there were no requests. */
    static JsonNode millis(Double value) {
        if (value == null) {
            return NullNode.instance;
        }
        return JSON.numberNode(plain(BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP)));
    }

    static JsonNode millis(Integer value) {
        return value == null ? NullNode.instance : JSON.numberNode(value);
    }

    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
