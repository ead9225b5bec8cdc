package dev.gatewayreports.scheduling.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatewayreports.model.alerts.AlertEventKind;
import dev.gatewayreports.model.alerts.AlertKind;
import dev.gatewayreports.model.alerts.AlertMeasure;
import dev.gatewayreports.model.alerts.Comparison;
import dev.gatewayreports.model.alerts.WindowKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** How figures, windows and subjects read, each measure in its unit and windows in the rule's zone (DST too). */
class AlertWordingTest {
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void shouldWriteEachMeasureInItsUnit() {
        assertEquals("$123.45", AlertWording.value(AlertMeasure.COST_USD, new BigDecimal("123.450000000000")));
        assertEquals("$0.004", AlertWording.value(AlertMeasure.COST_USD, new BigDecimal("0.004")));
        assertEquals("1,234.5 credits", AlertWording.value(AlertMeasure.CREDITS, new BigDecimal("1234.5")));
        assertEquals("12,000 requests", AlertWording.value(AlertMeasure.REQUESTS, new BigDecimal("12000")));
        assertEquals(
                "3,500,000 tokens", AlertWording.value(AlertMeasure.TOKENS, new BigDecimal("3500000.000000000000")));
        assertEquals("2.5%", AlertWording.value(AlertMeasure.ERROR_RATE, new BigDecimal("2.5")));
        assertEquals("1,840 ms", AlertWording.value(AlertMeasure.P95_LATENCY_MS, new BigDecimal("1840.2")));
        assertEquals("–", AlertWording.value(AlertMeasure.ERROR_RATE, null));
    }

    @Test
    void shouldShowTheWindowInTheRulesZoneAcrossTheDstChange() {
        // New York left daylight time on Sunday 1 November 2026 at 02:00: the month began at 04:00 UTC, the 2nd at
        // 05:00.
        assertEquals(
                "Sun 1 Nov 2026, 00:00 – Mon 2 Nov 2026, 00:00",
                AlertWording.period(
                        Instant.parse("2026-11-01T04:00:00Z"), Instant.parse("2026-11-02T05:00:00Z"), NEW_YORK));
        assertEquals(
                "Sun 1 Nov 2026, 01:30 – 01:30",
                AlertWording.period(
                        Instant.parse("2026-11-01T05:30:00Z"), Instant.parse("2026-11-01T06:30:00Z"), NEW_YORK),
                "the repeated hour: the same wall time twice");
        assertEquals(ZoneOffset.UTC, AlertWording.zone("Mars/Olympus_Mons"));
    }

    @Test
    void shouldKeepTheSubjectOnOneLine() {
        ClaimedNotification n = new ClaimedNotification(
                "aln_1",
                "ale_1",
                "alr_1",
                "org_1",
                "email",
                "a@example.com",
                1,
                null,
                new ClaimedNotification.Event(
                        AlertEventKind.FIRED,
                        "e1",
                        "team_1",
                        new BigDecimal("5"),
                        new BigDecimal("4"),
                        null,
                        Instant.parse("2026-11-01T04:00:00Z"),
                        Instant.parse("2026-11-02T05:00:00Z"),
                        Instant.parse("2026-11-02T05:00:00Z")),
                new ClaimedNotification.Rule(
                        "Evil\r\nBcc: x@example.com",
                        AlertKind.THRESHOLD,
                        AlertMeasure.REQUESTS,
                        WindowKind.LAST_HOUR,
                        Comparison.LT,
                        new BigDecimal("4"),
                        "UTC",
                        null),
                "Team",
                "Org",
                java.util.List.of());
        assertEquals("[Firing] Evil Bcc: x@example.com: 5 requests < 4 requests (last hour)", AlertWording.subject(n));
    }
}
