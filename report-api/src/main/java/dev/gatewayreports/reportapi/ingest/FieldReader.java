package dev.gatewayreports.reportapi.ingest;

import dev.gatewayreports.model.time.Timestamps;
import dev.gatewayreports.reportapi.input.Decimals;
import dev.gatewayreports.reportapi.input.TextRules;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads typed fields from one event's JSON, strictly, collecting every problem instead of stopping at one. */
final class FieldReader {
    static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .appendOffset("+HH:MM", "Z")
            .toFormatter();

    private final EventJson event;
    private final List<FieldError> errors = new ArrayList<>(0);

    FieldReader(EventJson event) {
        this.event = event;
    }

    List<FieldError> errors() {
        return errors;
    }

    void fail(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    void fail(EventJson.Field field, String message) {
        fail(field.wire(), message);
    }

    /** The kind of the field's value, or null (a failure when required) when it is absent or null. */
    private EventJson.Kind present(EventJson.Field field, boolean required) {
        EventJson.Kind kind = event.kind(field);
        if (kind == EventJson.Kind.ABSENT || kind == EventJson.Kind.NULL) {
            if (required) {
                fail(field, "is required");
            }
            return null;
        }
        return kind;
    }

    String string(EventJson.Field field, boolean required, int maxLength) {
        return string(field, required, maxLength, false);
    }

    /** A string that may hold tabs and line breaks (an error message), but no other control character. */
    String freeText(EventJson.Field field, int maxLength) {
        return string(field, false, maxLength, true);
    }

    private String string(EventJson.Field field, boolean required, int maxLength, boolean freeText) {
        EventJson.Kind kind = present(field, required);
        if (kind == null) {
            return null;
        }
        if (kind != EventJson.Kind.STRING) {
            fail(field, "must be a string");
            return null;
        }
        String value = (String) event.value(field);
        if (required && value.isEmpty()) {
            fail(field, "must not be empty");
            return null;
        }
        return checkedText(field, value, maxLength, freeText);
    }

    private String checkedText(EventJson.Field field, String value, int maxLength, boolean freeText) {
        if (value.length() > maxLength) {
            fail(field, "must be at most " + maxLength + " characters");
            return null;
        }
        String problem = freeText ? TextRules.freeTextProblem(value) : TextRules.problem(value);
        if (problem != null) {
            fail(field, problem);
            return null;
        }
        return value;
    }

    Instant timestamp(EventJson.Field field) {
        String text = string(field, true, 64);
        if (text == null) {
            return null;
        }
        Instant common = Rfc3339.parseCommon(text);
        Instant at = common == null ? Timestamps.parse(text, RFC_3339) : Timestamps.inRange(common) ? common : null;
        if (at == null) {
            fail(
                    field,
                    "not an RFC 3339 timestamp with an offset (e.g. 2025-01-08T10:00:00Z) from " + Timestamps.RANGE);
            return null;
        }
        // To the microsecond, as PostgreSQL keeps it and COPY writes it: every use of the instant (the batch's recorded
        // bounds, which a fold reads the batch's events between) then sees the value stored. Nanoseconds bound as a
        // parameter are rounded by the server instead, so a batch's first event at .123456789 lay 1 µs before its
        // recorded minimum .123457 and a fold's claim missed it.
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    /** A non-negative integer no larger than {@code max}, or null when absent (or invalid). */
    Long count(EventJson.Field field, boolean required, long max) {
        EventJson.Kind kind = present(field, required);
        if (kind == null) {
            return null;
        }
        if (kind != EventJson.Kind.LONG) {
            fail(field, "must be an integer");
            return null;
        }
        long value = (Long) event.value(field);
        if (value < 0 || value > max) {
            fail(field, "must be between 0 and " + max);
            return null;
        }
        return value;
    }

    /**
     * A non-negative decimal with at most {@code maxScale} decimals, exact, or null when absent: a JSON number or a
     * decimal string ({@code "0.125"}), the same value either way.
     */
    BigDecimal decimal(EventJson.Field field, int maxScale) {
        EventJson.Kind kind = present(field, false);
        if (kind == null) {
            return null;
        }
        BigDecimal read = switch (kind) {
            case LONG, BIG_INTEGER, DECIMAL -> EventJson.decimal(kind, event.value(field));
            case STRING -> Decimals.parse((String) event.value(field));
            default -> null;
        };
        if (read == null) {
            fail(field, Decimals.EXPECTED);
            return null;
        }
        BigDecimal value = read.stripTrailingZeros();
        if (value.signum() < 0) {
            fail(field, "must not be negative");
            return null;
        }
        if (value.scale() > maxScale) {
            fail(field, "must have at most " + maxScale + " decimal places");
            return null;
        }
        if (value.precision() - value.scale() > 18) {
            fail(field, "is too large");
            return null;
        }
        return value.scale() < 0 ? value.setScale(0) : value;
    }

    /** One of an enum's wire spellings, parsed: {@code allowed} maps each spelling to its constant, in order. */
    <E> E choice(EventJson.Field field, boolean required, Map<String, E> allowed) {
        String text = string(field, required, 64);
        if (text == null) {
            return null;
        }
        E value = allowed.get(text);
        if (value == null) {
            fail(field, "must be one of " + String.join(", ", allowed.keySet()));
            return null;
        }
        return value;
    }

    List<String> strings(EventJson.Field field, int maxItems, int maxLength) {
        EventJson.Kind kind = present(field, false);
        if (kind == null) {
            return null;
        }
        List<?> items = kind == EventJson.Kind.ARRAY ? (List<?>) event.value(field) : null;
        if (items == null || items.size() > maxItems) {
            fail(field, "must be an array of at most " + maxItems + " strings");
            return null;
        }
        List<String> values = new ArrayList<>(items.size());
        for (Object item : items) {
            if (!(item instanceof String text)) {
                fail(field, "must be an array of strings");
                return null;
            }
            String value = checkedText(field, text, maxLength, false);
            if (value == null) {
                return null;
            }
            values.add(value);
        }
        return List.copyOf(values);
    }
}
