package dev.gatewayreports.model.report;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.ZoneId;

/**
 * The cross-field rules of a generate request's period ({@link RequestedPeriod#problem}): a violation names the
 * field it is about ({@code days}, {@code start} or {@code end}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ValidPeriod.Validator.class)
public @interface ValidPeriod {
    String message() default "the period is invalid";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Applies {@link RequestedPeriod#problem} in the request's zone (UTC when it names none or no valid one). */
    final class Validator implements ConstraintValidator<ValidPeriod, GenerateReportRequest> {
        @Override
        public boolean isValid(GenerateReportRequest request, ConstraintValidatorContext context) {
            if (request == null) {
                return true;
            }
            String tz = request.timezone();
            ZoneId zone = tz != null && IanaTimeZone.Validator.isZone(tz) ? ZoneId.of(tz) : ZoneId.of("UTC");
            RequestedPeriod.Problem problem =
                    RequestedPeriod.problem(request.days(), request.start(), request.end(), zone);
            if (problem == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(problem.message())
                    .addPropertyNode(problem.field())
                    .addConstraintViolation();
            return false;
        }
    }
}
