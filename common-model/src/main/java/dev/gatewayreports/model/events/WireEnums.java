package dev.gatewayreports.model.events;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Lookup of enum constants by their wire spelling (lower-case, as in the event contract). */
public final class WireEnums {
    private WireEnums() {}

    /** The constant whose wire spelling is {@code value}, if any. */
    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, Function<E, String> wire, String value) {
        for (E e : type.getEnumConstants()) {
            if (wire.apply(e).equals(value)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Every wire spelling of the enum, for error messages. */
    public static <E extends Enum<E>> List<String> spellings(Class<E> type, Function<E, String> wire) {
        return Arrays.stream(type.getEnumConstants()).map(wire).toList();
    }
}
