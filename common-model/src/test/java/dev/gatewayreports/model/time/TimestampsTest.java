package dev.gatewayreports.model.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    @Test
    void shouldReadRfc3339TimestampsWithAnOffset() {
        assertEquals(Instant.parse("2025-01-08T09:00:00Z"), Timestamps.parse("2025-01-08T10:00:00+01:00"));
        assertEquals(Instant.parse("2025-01-08T10:00:00.123Z"), Timestamps.parse("2025-01-08t10:00:00.123z"));
        assertNull(Timestamps.parse("2025-01-08T10:00:00"));
        assertNull(Timestamps.parse("2025-02-30T00:00:00Z"));
        assertNull(Timestamps.parse(null));
    }

    @Test
    void shouldRefuseYearsPostgresCannotStoreOrRfc3339CannotWrite() {
        assertNull(Timestamps.parse("+300000-01-01T00:00:00Z"));
        assertNull(Timestamps.parse("-5000-01-01T00:00:00Z"));
        assertNull(Timestamps.parse("+10000-01-01T00:00:00Z"));
        assertNull(Timestamps.parse("0000-12-31T23:59:59Z"));
        assertEquals(Timestamps.MIN, Timestamps.parse("0001-01-01T00:00:00Z"));
        assertEquals(Instant.parse("9999-12-31T23:59:59Z"), Timestamps.parse("9999-12-31T23:59:59Z"));
        // inside the bound as an instant, although the local date is in year 10000
        assertEquals(Instant.parse("9999-12-31T23:00:00Z"), Timestamps.parse("+10000-01-01T00:00:00+01:00"));
    }
}
