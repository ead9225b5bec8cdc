package dev.gatewayreports.scheduling.due;

import dev.gatewayreports.model.schedules.Frequency;
import dev.gatewayreports.model.schedules.ScheduleRule;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * A schedule whose slot has come, as locked by {@link DueRepository#lockDue}.
 *
 * @param recipients e-mail addresses; empty when the schedule only has a webhook
 * @param webhookUrl the webhook its report is POSTed to, or null
 */
record DueSchedule(
        String scheduleId,
        String orgId,
        String teamId,
        String reportType,
        String frequency,
        LocalTime time,
        Integer day,
        String timezone,
        int days,
        List<String> recipients,
        String format,
        String sectionsJson,
        String webhookUrl,
        Instant nextRunAt) {

    ScheduleRule rule() {
        return new ScheduleRule(Frequency.fromWire(frequency).orElseThrow(), time, day, ZoneId.of(timezone));
    }
}
