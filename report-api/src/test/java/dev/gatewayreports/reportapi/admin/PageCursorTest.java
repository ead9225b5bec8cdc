package dev.gatewayreports.reportapi.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatewayreports.reportapi.errors.ApiException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Cursors round-trip, and any change to one, or a cursor of another report or secret, is a 400 on page. */
class PageCursorTest {
    private static PageCursor cursor(String secret) {
        return new PageCursor(() -> Optional.of(secret));
    }

    @Test
    void shouldRoundTripAndRejectEveryTamperedCharacter() {
        PageCursor c = cursor("secret-one-0123456789abcdef0123456789");
        PageCursor.Position p = new PageCursor.Position("usage", "abc123", 1_000, 9_000, 4_600);
        String token = c.encode(p);
        assertEquals(p, c.decode(token, "usage", "abc123"));
        for (int i = "page_".length(); i < token.length(); i++) {
            char ch = token.charAt(i);
            String changed = token.substring(0, i) + (ch == 'A' ? 'B' : 'A') + token.substring(i + 1);
            ApiException e = assertThrows(ApiException.class, () -> c.decode(changed, "usage", "abc123"));
            assertEquals("page", e.field());
            assertEquals(400, e.status());
        }
        assertThrows(ApiException.class, () -> c.decode(token, "cost", "abc123"));
        assertThrows(ApiException.class, () -> c.decode(token, "usage", "other"));
        assertThrows(
                ApiException.class,
                () -> cursor("secret-two-0123456789abcdef0123456789").decode(token, "usage", "abc123"));
        assertThrows(ApiException.class, () -> c.decode("page_", "usage", "abc123"));
        assertThrows(ApiException.class, () -> c.decode("page_%%%.***", "usage", "abc123"));
    }

    @Test
    void shouldWriteCentsExactly() {
        assertEquals("123.45", CostReportService.cents(new java.math.BigDecimal("1.234500000000")));
        assertEquals("0", CostReportService.cents(new java.math.BigDecimal("0.000000000000")));
        assertEquals("100", CostReportService.cents(new java.math.BigDecimal("1.000000000000")));
        assertEquals("0.0000000001", CostReportService.cents(new java.math.BigDecimal("0.000000000001")));
    }
}
