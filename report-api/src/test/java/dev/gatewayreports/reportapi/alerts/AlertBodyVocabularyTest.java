package dev.gatewayreports.reportapi.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatewayreports.model.alerts.AlertKind;
import dev.gatewayreports.model.alerts.AlertMeasure;
import dev.gatewayreports.model.alerts.Comparison;
import dev.gatewayreports.model.alerts.WindowKind;
import dev.gatewayreports.model.alerts.WireName;
import org.junit.jupiter.api.Test;

/** The body's @Pattern constants (annotation values must be constants) spell the model.alerts enums. */
class AlertBodyVocabularyTest {
    @Test
    void patternsSpellTheEnums() {
        assertEquals(WireName.pattern(AlertKind.class), AlertBody.KINDS);
        assertEquals(WireName.pattern(AlertMeasure.class), AlertBody.MEASURES);
        assertEquals(WireName.pattern(WindowKind.class), AlertBody.WINDOWS);
        assertEquals(WireName.pattern(Comparison.class), AlertBody.COMPARISONS);
    }
}
