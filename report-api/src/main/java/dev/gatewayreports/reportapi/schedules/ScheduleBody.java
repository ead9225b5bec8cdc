package dev.gatewayreports.reportapi.schedules;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import dev.gatewayreports.model.report.GenerateReportRequest;
import dev.gatewayreports.model.report.IanaTimeZone;
import dev.gatewayreports.model.report.ReportSections;
import dev.gatewayreports.model.schedules.Frequency;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

/**
 * The body of {@code POST /v1/reports/schedule} as it arrives, with its rules; {@link ScheduleRequests#fromBody}
 * turns an accepted one into a {@link ScheduleRequest}. Unknown top-level fields are ignored.
 *
 * @param scheduleDay 0–6 (0 = Sunday) for weekly, 1–31 for monthly, ignored for daily
 * @param timezone an IANA zone; absent: the token's {@code zoneinfo} claim when it is one, else UTC
 * @param days 1–366; absent: 1, 7 or 30 by frequency
 * @param webhookUrl where the report is also POSTed as signed JSON; absent: e-mail only
 */
@ScheduleBody.ValidDay
public record ScheduleBody(
        @JsonProperty("report_type")
        @NotNull(message = "report_type is required: " + GenerateReportRequest.TYPES)
        @Pattern(
                regexp = GenerateReportRequest.TYPE_PATTERN,
                message = "report_type must be " + GenerateReportRequest.TYPES)
        String reportType,

        @NotNull(message = "frequency is required: daily, weekly or monthly")
        @Pattern(regexp = "daily|weekly|monthly", message = "frequency must be daily, weekly or monthly")
        String frequency,

        @JsonProperty("schedule_time")
        @NotNull(message = TIME)
        @Pattern(regexp = "([01][0-9]|2[0-3]):[0-5][0-9]", message = TIME)
        String scheduleTime,

        @JsonProperty("schedule_day") Integer scheduleDay,
        @IanaTimeZone String timezone,

        @Min(value = 1, message = "days must be between 1 and 366")
        @Max(value = 366, message = "days must be between 1 and 366")
        Integer days,

        // Jackson's own String reader for the addresses: Recipients checks them (control characters included) and
        // its message shows the bad address made printable, so a header injection attempt is named as such. Absent
        // or empty only with a webhook_url (ScheduleRequests.fromBody).
        @JsonDeserialize(contentUsing = StringDeserializer.class)
        List<String> recipients,

        @Pattern(regexp = "csv|xlsx|none", message = "format must be csv, xlsx or none")
        String format,

        @JsonProperty("team_id") String teamId,
        @Valid ReportSections sections,
        @JsonProperty("webhook_url") @WebhookUrl String webhookUrl) {

    static final String TIME = "schedule_time must be a local time HH:MM from 00:00 to 23:59";

    /** {@code schedule_day} in its frequency's range (a weekday for weekly, a day of the month for monthly). */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = DayValidator.class)
    public @interface ValidDay {
        String message() default "schedule_day is out of range";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** Checks the day against the frequency; a missing or unknown frequency is reported on its own. */
    public static final class DayValidator implements ConstraintValidator<ValidDay, ScheduleBody> {
        @Override
        public boolean isValid(ScheduleBody body, ConstraintValidatorContext context) {
            Frequency frequency = body == null || body.frequency() == null
                    ? null
                    : Frequency.fromWire(body.frequency()).orElse(null);
            if (frequency == null || frequency == Frequency.DAILY) {
                return true;
            }
            Integer day = body.scheduleDay();
            if (day != null
                    && day >= frequency.minDay().orElseThrow()
                    && day <= frequency.maxDay().orElseThrow()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(
                            frequency == Frequency.WEEKLY
                                    ? "schedule_day must be a weekday from 0 (Sunday) to 6 for a weekly schedule"
                                    : "schedule_day must be a day of the month from 1 to 31 for a monthly schedule")
                    .addPropertyNode("scheduleDay")
                    .addConstraintViolation();
            return false;
        }
    }
}
