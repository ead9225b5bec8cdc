package dev.gatewayreports.model.alerts;

import java.util.Arrays;
import java.util.stream.Collectors;

/** A value of the alerts vocabulary with its JSON and database spelling (V25's check constraints). */
public interface WireName {
    String wire();

    /** The constant of {@code type} spelled {@code wire}; IllegalArgumentException for any other spelling. */
    static <E extends Enum<E> & WireName> E of(Class<E> type, String wire) {
        for (E e : type.getEnumConstants()) {
            if (e.wire().equals(wire)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown " + type.getSimpleName() + " " + wire);
    }

    /** Every spelling of {@code type} as a regular expression alternation, in declaration order: {@code a|b|c}. */
    static <E extends Enum<E> & WireName> String pattern(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireName::wire).collect(Collectors.joining("|"));
    }
}
