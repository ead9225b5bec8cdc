package dev.gatewayreports.reportapi.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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

    /** Decimals and integers are written digit by digit: the same text as BigDecimal and Long would give. */
    @Test
    void shouldWriteNumbersAsTheirPlainStrings() {
        Random random = new Random(13);
        List<BigDecimal> decimals = new ArrayList<>(List.of(
                new BigDecimal("0.000000000001"),
                new BigDecimal("0.5"),
                new BigDecimal("-0.005"),
                new BigDecimal("123.450"),
                new BigDecimal("999999999999999999"),
                new BigDecimal("0.999999999999999999"),
                new BigDecimal("-999999.999999999999"),
                new BigDecimal("1E+3"),
                new BigDecimal("12345678901234567890.5"),
                BigDecimal.ZERO,
                new BigDecimal("0.000")));
        for (int i = 0; i < 20_000; i++) {
            BigInteger unscaled = new BigInteger(1 + random.nextInt(70), random);
            decimals.add(new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), random.nextInt(25) - 3));
        }
        for (BigDecimal d : decimals) {
            CopyText row = new CopyText(1);
            row.add(d);
            String expected = d.signum() == 0 && d.scale() <= 0 ? "0" : d.toPlainString();
            assertEquals(expected, row.toString(), () -> "unscaled " + d.unscaledValue() + " scale " + d.scale());
        }
        long[] longs = {0, 9, 10, 99, 100, Long.MAX_VALUE, Long.MIN_VALUE, -1, 1L << 40, 1_000_000_000_000_000_000L};
        for (int i = 0; i < 10_000; i++) {
            long l = random.nextLong() >> random.nextInt(64);
            CopyText row = new CopyText(1);
            row.add(l).add((Object) l).add((Object) (int) l);
            assertEquals(l + "\t" + l + "\t" + (int) l, row.toString());
        }
        for (long l : longs) {
            CopyText row = new CopyText(1);
            row.add(l).add((Object) l);
            assertEquals(l + "\t" + l, row.toString());
        }
    }
}
