package dev.gatewayreports.reportapi.errors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.Locale;
import java.util.StringJoiner;

/** The JSON name of the field a constraint violation is about: its property path in snake_case. */
public final class ViolationFields {
    private ViolationFields() {}

    /**
     * {@code generate.body.reportType} → {@code report_type}; a class-level rule that names its property ({@code
     * end}) → that property; a violation of the body itself (null) → {@code body}.
     */
    public static String field(ConstraintViolation<?> violation) {
        StringJoiner field = new StringJoiner(".");
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PROPERTY && node.getName() != null) {
                field.add(snake(node.getName()));
            }
        }
        return field.length() == 0 ? "body" : field.toString();
    }

    /** {@code scheduleTime} → {@code schedule_time}. */
    static String snake(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (Character.isUpperCase(ch)) {
                out.append('_').append(Character.toLowerCase(ch));
            } else {
                out.append(ch);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
