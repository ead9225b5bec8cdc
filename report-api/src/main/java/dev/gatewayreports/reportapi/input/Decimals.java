package dev.gatewayreports.reportapi.input;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Money on the wire: a JSON number or a decimal string ({@code "0.125"}), both read exactly. A decimal string is
 * an optional minus, digits, and optionally a point and more digits: no exponent, no blanks, no {@code NaN}.
 */
public final class Decimals {
    /** Longer strings are not money: refused before the pattern runs. */
    static final int MAX_LENGTH = 64;

    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private Decimals() {}

    /** The exact value of a decimal string, or null when it is not one. */
    public static BigDecimal parse(String text) {
        if (text == null || text.length() > MAX_LENGTH || !DECIMAL.matcher(text).matches()) {
            return null;
        }
        return new BigDecimal(text);
    }

    /** What a client is told when a money field is neither a number nor a decimal string. */
    public static final String EXPECTED = "must be a number or a decimal string such as \"0.125\"";
}
