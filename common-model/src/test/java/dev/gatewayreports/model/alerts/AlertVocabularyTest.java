package dev.gatewayreports.model.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The enums spell exactly what V25's check constraints allow, in the same order. */
class AlertVocabularyTest {
    private static String v25() throws IOException {
        try (InputStream in = AlertVocabularyTest.class.getResourceAsStream("/db/migration/V25__alerts.sql")) {
            assertNotNull(in, "V25__alerts.sql on the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> allowed(String column) throws IOException {
        Matcher m =
                Pattern.compile("check \\(" + column + " in \\(([^)]*)\\)\\)").matcher(v25());
        if (!m.find()) {
            throw new AssertionError("no check on " + column + " in V25");
        }
        return Arrays.stream(m.group(1).split(","))
                .map(s -> s.strip().replace("'", ""))
                .toList();
    }

    private static <E extends Enum<E> & WireName> List<String> wires(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireName::wire).toList();
    }

    @Test
    void enumsSpellWhatTheSchemaAllows() throws IOException {
        assertEquals(allowed("kind"), wires(AlertKind.class));
        assertEquals(allowed("measure"), wires(AlertMeasure.class));
        assertEquals(allowed("window_kind"), wires(WindowKind.class));
        assertEquals(allowed("comparison"), wires(Comparison.class));
        assertEquals(allowed("state"), wires(AlertState.class));
        // alert_event.kind is the second `kind` check in the file
        Matcher m = Pattern.compile("check \\(kind in \\(([^)]*)\\)\\)").matcher(v25());
        m.find();
        m.find();
        assertEquals(
                Arrays.stream(m.group(1).split(","))
                        .map(s -> s.strip().replace("'", ""))
                        .toList(),
                wires(AlertEventKind.class));
    }

    @Test
    void readsItsSpellingsAndRefusesOthers() {
        assertEquals(AlertMeasure.P95_LATENCY_MS, WireName.of(AlertMeasure.class, "p95_latency_ms"));
        assertThrows(IllegalArgumentException.class, () -> WireName.of(AlertMeasure.class, "P95_LATENCY_MS"));
        assertEquals("gt|gte|lt|lte", WireName.pattern(Comparison.class));
        assertEquals(AlertEventKind.BUDGET_80, AlertEventKind.budgetLevel(80));
    }
}
