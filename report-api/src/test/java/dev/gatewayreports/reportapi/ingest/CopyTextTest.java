package dev.gatewayreports.reportapi.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyTextTest {
    @Test
    void shouldWriteRowsInPostgresCopyTextFormat() {
        CopyText row = new CopyText(1);
        row.add(Instant.parse("2025-03-09T06:30:00.123456789Z"))
                .add(42L)
                .add("tab\there, newline\nhere, back\\slash")
                .add((Object) null)
                .addArray(List.of("a", "with \"quote\", comma\\slash"))
                .addArray(null);
        row.endRow();
        assertEquals(
                "2025-03-09 06:30:00.123456+00\t42\ttab\\there, newline\\nhere, back\\\\slash\t\\N\t"
                        + "{\"a\",\"with \\\\\"quote\\\\\", comma\\\\\\\\slash\"}\t\\N\n",
                row.toString());
    }

    @Test
    void shouldPadEveryTimestampField() {
        CopyText row = new CopyText(1);
        row.add(Instant.parse("2026-01-02T03:04:05Z"));
        assertEquals("2026-01-02 03:04:05.000000+00", row.toString());
    }
}
