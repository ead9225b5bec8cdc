package dev.gatewayreports.scheduling.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * One delivery to send: whose report, of which fixed period, to whom, in which format.
 *
 * @param frequency the schedule's frequency ({@code weekly}…), or null for an ad-hoc send
 * @param sectionsJson the sections object as JSON, or null for report-api's defaults
 */
public record DeliveryRequest(
        String deliveryId,
        String orgId,
        String teamId,
        String teamName,
        String reportType,
        String frequency,
        ZoneId zone,
        Instant periodStart,
        Instant periodEnd,
        String format,
        String sectionsJson,
        List<String> recipients) {

    /** The first local day of the period. */
    public LocalDate firstDay() {
        return periodStart.atZone(zone).toLocalDate();
    }

    /** The last local day of the period (its end is exclusive). */
    public LocalDate lastDay() {
        return periodEnd.minusNanos(1).atZone(zone).toLocalDate();
    }

    /** The team as people know it: its name, or its id when it has none. */
    public String teamLabel() {
        return teamName == null || teamName.isBlank() ? teamId : teamName;
    }
}
