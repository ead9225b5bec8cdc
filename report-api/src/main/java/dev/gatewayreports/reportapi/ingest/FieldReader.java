package dev.gatewayreports.reportapi.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatewayreports.model.time.Timestamps;
import dev.gatewayreports.reportapi.input.Decimals;
import dev.gatewayreports.reportapi.input.TextRules;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Reads typed fields from one event's JSON, strictly, collecting every problem instead of stopping at one. */
final class FieldReader {
    static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .appendOffset("+HH:MM", "Z")
            .toFormatter();

    private final JsonNode event;
    private final List<FieldError> errors = new ArrayList<>();

    FieldReader(JsonNode event) {
        this.event = event;
    }

    List<FieldError> errors() {
        return errors;
    }

    void fail(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    private JsonNode present(String field, boolean required) {
        JsonNode node = event.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                fail(field, "is required");
            }
            return null;
        }
        return node;
    }

    String string(String field, boolean required, int maxLength) {
        return string(field, required, maxLength, false);
    }

    /** A string that may hold tabs and line breaks (an error message), but no other control character. */
    String freeText(String field, int maxLength) {
        return string(field, false, maxLength, true);
    }

    private String string(String field, boolean required, int maxLength, boolean freeText) {
        JsonNode node = present(field, required);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            fail(field, "must be a string");
            return null;
        }
        String value = node.textValue();
        if (required && value.isEmpty()) {
            fail(field, "must not be empty");
            return null;
        }
        return checkedText(field, value, maxLength, freeText);
    }

    private String checkedText(String field, String value, int maxLength, boolean freeText) {
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

    Instant timestamp(String field) {
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
        }
        return at;
    }

    /** A non-negative integer no larger than {@code max}, or null when absent (or invalid). */
    Long count(String field, boolean required, long max) {
        JsonNode node = present(field, required);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            fail(field, "must be an integer");
            return null;
        }
        long value = node.longValue();
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
    BigDecimal decimal(String field, int maxScale) {
        JsonNode node = present(field, false);
        if (node == null) {
            return null;
        }
        BigDecimal read =
                node.isNumber() ? node.decimalValue() : node.isTextual() ? Decimals.parse(node.textValue()) : null;
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

    /** One of an enum's wire spellings, parsed. */
    <E> E choice(String field, boolean required, List<String> allowed, Function<String, E> parse) {
        String text = string(field, required, 64);
        if (text == null) {
            return null;
        }
        if (!allowed.contains(text)) {
            fail(field, "must be one of " + String.join(", ", allowed));
            return null;
        }
        return parse.apply(text);
    }

    List<String> strings(String field, int maxItems, int maxLength) {
        JsonNode node = present(field, false);
        if (node == null) {
            return null;
        }
        if (!node.isArray() || node.size() > maxItems) {
            fail(field, "must be an array of at most " + maxItems + " strings");
            return null;
        }
        List<String> values = new ArrayList<>(node.size());
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                fail(field, "must be an array of strings");
                return null;
            }
            String value = checkedText(field, item.textValue(), maxLength, false);
            if (value == null) {
                return null;
            }
            values.add(value);
        }
        return List.copyOf(values);
    }
}
