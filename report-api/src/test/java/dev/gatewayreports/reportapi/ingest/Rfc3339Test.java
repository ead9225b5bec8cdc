package dev.gatewayreports.reportapi.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.gatewayreports.model.time.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast path answers what the formatter answers, or leaves the text to it. */
class Rfc3339Test {
    private static void agrees(String text) {
        Instant fast = Rfc3339.parseCommon(text);
        Instant formatter = Timestamps.parse(text, FieldReader.RFC_3339);
        if (fast != null) {
            assertEquals(formatter, Timestamps.inRange(fast) ? fast : null, text);
        }
    }

    @Test
    void shouldReadTheCommonShapeAsTheFormatterDoes() {
        for (String text : List.of(
                "2025-01-08T10:00:00Z",
                "2025-01-08t10:00:00z",
                "2025-01-08T10:00:00.1Z",
                "2025-01-08T10:00:00.123456789Z",
                "2024-02-29T23:59:59.5+14:00",
                "2025-12-31T00:00:00-05:30",
                "2025-06-01T12:00:00+18:00",
                "2025-06-01T12:00:00-00:00",
                "0001-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z")) {
            assertNotNull(Rfc3339.parseCommon(text), text);
            agrees(text);
        }
        assertEquals(Instant.parse("2025-01-08T04:30:00.25Z"), Rfc3339.parseCommon("2025-01-08T10:00:00.25+05:30"));
    }

    @Test
    void shouldLeaveEveryOtherTextToTheFormatter() {
        for (String text : List.of(
                "2025-02-30T10:00:00Z",
                "2025-04-31T10:00:00Z",
                "2025-01-08T24:00:00Z",
                "2025-01-08T10:00:60Z",
                "2025-01-08T10:00Z",
                "2025-01-08T10:00:00.Z",
                "2025-01-08T10:00:00.1234567890Z",
                "2025-01-08T10:00:00+19:00",
                "2025-01-08T10:00:00+05:60",
                "2025-01-08T10:00:00+0530",
                "2025-01-08T10:00:00",
                "2025-01-08 10:00:00Z",
                "0000-01-01T00:00:00Z",
                "2025-1-08T10:00:00Z",
                "2025-01-08T10:00:00ZZ",
                "２０２５-01-08T10:00:00Z")) {
            agrees(text);
        }
        assertNull(Rfc3339.parseCommon("2025-02-30T10:00:00Z"));
        assertNull(Rfc3339.parseCommon("2025-01-08T10:00:00+19:00"));
    }

    @Test
    void shouldAgreeWithTheFormatterOnRandomText() {
        Random random = new Random(13);
        String alphabet = "0123456789-:.TtZz+ ";
        for (int i = 0; i < 200_000; i++) {
            char[] text = "2025-01-08T10:00:00.123+05:30".toCharArray();
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                text[random.nextInt(text.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            int cut = random.nextInt(4) == 0 ? 19 + random.nextInt(text.length - 19) : text.length;
            agrees(new String(text, 0, cut));
        }
    }
}
