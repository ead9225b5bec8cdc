package dev.gatewayreports.reportapi.alerts;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import dev.gatewayreports.model.alerts.AlertKind;
import dev.gatewayreports.model.alerts.AlertMeasure;
import dev.gatewayreports.model.alerts.Comparison;
import dev.gatewayreports.model.alerts.WindowKind;
import dev.gatewayreports.model.alerts.WireName;
import dev.gatewayreports.model.report.IanaTimeZone;
import dev.gatewayreports.model.schedules.Recipients;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /v1/alerts} and {@code PUT /v1/alerts/{alert_id}} (the whole rule) as it arrives, with its
 * rules; {@link AlertRequests#fromBody} turns an accepted one into an {@link AlertRequest}. Unknown top-level fields
 * are ignored.
 *
 * @param teamId the team; absent or null: the whole organization (org admins only)
 * @param threshold a JSON number or a decimal string, read exactly
 * @param timezone an IANA zone; absent: the token's {@code zoneinfo} claim when it is one, else UTC
 * @param recipients e-mail addresses (0–50); none and no webhook is allowed: the rule keeps a history only
 */
@Schema(name = "AlertRuleBody")
@AlertBody.ValidRule
public record AlertBody(
        @NotNull(message = "name is required: 1 to 200 characters")
        @Size(min = 1, max = 200, message = "name must be 1 to 200 characters")
        String name,

        @JsonProperty("team_id") String teamId,

        @Pattern(regexp = KINDS, message = "kind must be " + KIND_LIST)
        String kind,

        @NotNull(message = "measure is required: " + MEASURE_LIST)
        @Pattern(regexp = MEASURES, message = "measure must be " + MEASURE_LIST)
        String measure,

        @NotNull(message = "window is required: " + WINDOW_LIST)
        @Pattern(regexp = WINDOWS, message = "window must be " + WINDOW_LIST)
        String window,

        @Pattern(regexp = COMPARISONS, message = "comparison must be " + COMPARISON_LIST)
        String comparison,

        @NotNull(message = "threshold is required: a number or a decimal string")
        @DecimalMin(value = "0", message = "threshold must be 0 or more")
        @Digits(integer = 26, fraction = 12, message = THRESHOLD_DIGITS)
        @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.NUMBER, example = "250")
        BigDecimal threshold,

        @IanaTimeZone String timezone,

        @JsonProperty("hysteresis_percent")
        @DecimalMin(value = "0", message = HYSTERESIS)
        @DecimalMax(value = "100", message = HYSTERESIS)
        @Digits(integer = 3, fraction = 2, message = HYSTERESIS)
        @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.NUMBER, example = "10")
        BigDecimal hysteresisPercent,

        @JsonProperty("for_minutes") @Min(value = 0, message = FOR_MINUTES) @Max(value = 1440, message = FOR_MINUTES)
        Integer forMinutes,

        // Jackson's own String reader for the addresses: Recipients checks them (control characters included) and
        // its message shows the bad address made printable, as for schedules.
        @Size(max = Recipients.MAX, message = "recipients must name at most " + Recipients.MAX + " addresses")
        @JsonDeserialize(contentUsing = StringDeserializer.class)
        List<String> recipients,

        @JsonProperty("webhook_url") String webhookUrl,
        Boolean enabled) {

    // Annotation values must be constants: these spell the model.alerts enums (AlertBodyVocabularyTest checks it).
    static final String KINDS = "threshold|budget";
    static final String KIND_LIST = "threshold or budget";
    static final String MEASURES = "cost_usd|credits|requests|error_rate|p95_latency_ms|tokens";
    static final String MEASURE_LIST = "cost_usd, credits, requests, error_rate, p95_latency_ms or tokens";
    static final String WINDOWS = "last_hour|last_day|month_to_date";
    static final String WINDOW_LIST = "last_hour, last_day or month_to_date";
    static final String COMPARISONS = "gt|gte|lt|lte";
    static final String COMPARISON_LIST = "gt, gte, lt or lte";
    static final String THRESHOLD_DIGITS =
            "threshold must have at most 26 digits before the decimal point and 12 after it";
    static final String HYSTERESIS = "hysteresis_percent must be between 0 and 100, with at most 2 decimals";
    static final String FOR_MINUTES = "for_minutes must be a whole number of minutes between 0 and 1440";

    /**
     * The rules between fields: a budget runs over {@code month_to_date}, adds up cost_usd, credits, tokens or
     * requests, and compares with gt or gte. Each problem names its field; a missing or unknown value is reported
     * by its own constraint, not here.
     */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = RuleValidator.class)
    public @interface ValidRule {
        String message() default "the alert rule is invalid";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** Checks a budget's window, measure and comparison. */
    public static final class RuleValidator implements ConstraintValidator<ValidRule, AlertBody> {
        @Override
        public boolean isValid(AlertBody body, ConstraintValidatorContext context) {
            if (body == null || known(AlertKind.class, body.kind()) != AlertKind.BUDGET) {
                return true;
            }
            boolean valid = true;
            context.disableDefaultConstraintViolation();
            WindowKind window = known(WindowKind.class, body.window());
            if (window != null && window != WindowKind.MONTH_TO_DATE) {
                valid = violation(context, "window", "window must be month_to_date for a budget");
            }
            AlertMeasure measure = known(AlertMeasure.class, body.measure());
            if (measure != null && !measure.budgetable()) {
                valid = violation(
                        context, "measure", "measure must be cost_usd, credits, tokens or requests for a" + " budget");
            }
            Comparison comparison = known(Comparison.class, body.comparison());
            if (comparison != null && !comparison.upward()) {
                valid = violation(context, "comparison", "comparison must be gt or gte for a budget");
            }
            return valid;
        }

        /** The constant spelled {@code wire}; null when absent or unknown (its own constraint reports that). */
        private static <E extends Enum<E> & WireName> E known(Class<E> type, String wire) {
            try {
                return wire == null ? null : WireName.of(type, wire);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        private static boolean violation(ConstraintValidatorContext context, String property, String message) {
            context.buildConstraintViolationWithTemplate(message)
                    .addPropertyNode(property)
                    .addConstraintViolation();
            return false;
        }
    }
}
