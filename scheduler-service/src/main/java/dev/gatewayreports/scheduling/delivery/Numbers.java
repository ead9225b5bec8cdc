package dev.gatewayreports.scheduling.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Report figures as people read them in a mail: grouped counts, dollars, percents, milliseconds. */
final class Numbers {
    static final String NONE = "–";

    private Numbers() {}

    static String count(JsonNode n) {
        return n.isNumber() ? format("#,##0", n.decimalValue()) : NONE;
    }

    static String decimal(JsonNode n) {
        return n.isNumber() ? format("#,##0.##", n.decimalValue()) : NONE;
    }

    static String usd(JsonNode n) {
        if (!n.isNumber()) {
            return NONE;
        }
        BigDecimal v = n.decimalValue();
        boolean tiny = v.signum() != 0 && v.abs().compareTo(new BigDecimal("0.01")) < 0;
        return "$" + format(tiny ? "#,##0.00####" : "#,##0.00", v);
    }

    static String percent(JsonNode n) {
        return n.isNumber() ? format("#,##0.##", n.decimalValue()) + "%" : NONE;
    }

    static String millis(JsonNode n) {
        if (!n.isNumber()) {
            return NONE;
        }
        BigDecimal v = n.decimalValue();
        return format(v.compareTo(BigDecimal.TEN.pow(2)) >= 0 ? "#,##0" : "#,##0.#", v) + " ms";
    }

    /** A change in percent: "▲ 12.5%", "▼ 3%", "± 0%", or "–" when there is nothing to compare with. */
    static String change(JsonNode n) {
        if (!n.isNumber()) {
            return NONE;
        }
        BigDecimal v = n.decimalValue();
        String size = format("#,##0.#", v.abs()) + "%";
        return switch (v.signum()) {
            case 1 -> "▲ " + size;
            case -1 -> "▼ " + size;
            default -> "± 0%";
        };
    }

    private static String format(String pattern, BigDecimal value) {
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ENGLISH)).format(value);
    }
}
