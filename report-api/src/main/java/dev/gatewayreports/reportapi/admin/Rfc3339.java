package dev.gatewayreports.reportapi.admin;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.gatewayreports.model.time.Timestamps;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * An RFC 3339 timestamp with an offset, inside {@link Timestamps#RANGE}; null and blank are left to
 * {@code @NotBlank} where the parameter is required.
 */
@Target({FIELD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
@Constraint(validatedBy = Rfc3339.Check.class)
public @interface Rfc3339 {
    String message() default "is not an RFC 3339 timestamp with an offset from " + Timestamps.RANGE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check itself: {@link Timestamps#parse(String)}. */
    final class Check implements ConstraintValidator<Rfc3339, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || value.isBlank() || Timestamps.parse(value) != null;
        }
    }
}
