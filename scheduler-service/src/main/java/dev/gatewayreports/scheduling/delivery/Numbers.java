package dev.gatewayreports.scheduling.delivery;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Report and alert figures as people read them in a mail: grouped counts, dollars, percents, milliseconds; "–" for none. */
public final class Numbers {
    public static final String NONE = "–";

    private Numbers() {}

    public static String count(long n) {
        return format("#,##0", BigDecimal.valueOf(n));
    }

    public static String decimal(BigDecimal n) {
        return n == null ? NONE : format("#,##0.##", n);
    }

    public static String usd(BigDecimal v) {
        if (v == null) {
            return NONE;
        }
        boolean tiny = v.signum() != 0 && v.abs().compareTo(new BigDecimal("0.01")) < 0;
        return "$" + format(tiny ? "#,##0.00####" : "#,##0.00", v);
    }

    public static String percent(BigDecimal n) {
        return n == null ? NONE : format("#,##0.##", n) + "%";
    }

    public static String millis(BigDecimal v) {
        if (v == null) {
            return NONE;
        }
        return format(v.compareTo(BigDecimal.TEN.pow(2)) >= 0 ? "#,##0" : "#,##0.#", v) + " ms";
    }

    /** A change in percent: "▲ 12.5%", "▼ 3%", "± 0%", or "–" when there is nothing to compare with. */
    public static String change(BigDecimal v) {
        if (v == null) {
            return NONE;
        }
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
