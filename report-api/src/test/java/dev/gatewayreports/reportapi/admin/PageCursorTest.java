package dev.gatewayreports.reportapi.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void shouldRefuseToStartWithoutASecret() {
        for (Optional<String> none : java.util.List.of(Optional.<String>empty(), Optional.of(""), Optional.of("  "))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> new PageCursor(() -> none));
            assertTrue(e.getMessage().contains("reports.admin.cursor-secret"), e.getMessage());
            assertTrue(e.getMessage().contains("REPORTS_ADMIN_CURSOR_SECRET"), e.getMessage());
            assertTrue(e.getMessage().contains("is required"), e.getMessage());
        }
    }

    @Test
    void shouldCountTheSecretInUtf8BytesAndRefuseFewerThan32() {
        IllegalStateException shortAscii = assertThrows(IllegalStateException.class, () -> cursor("a".repeat(31)));
        assertTrue(shortAscii.getMessage().contains("is 31 bytes"), shortAscii.getMessage());
        assertTrue(shortAscii.getMessage().contains("REPORTS_ADMIN_CURSOR_SECRET"), shortAscii.getMessage());
        // 15 two-byte characters and one one-byte: 16 characters, 31 bytes.
        assertThrows(IllegalStateException.class, () -> cursor("é".repeat(15) + "a"));
        // 16 two-byte characters: 32 bytes although only 16 characters.
        PageCursor c = cursor("é".repeat(16));
        PageCursor.Position p = new PageCursor.Position("usage", "d", 1, 2, 1);
        assertEquals(p, c.decode(c.encode(p), "usage", "d"));
        assertEquals(p, cursor("a".repeat(32)).decode(cursor("a".repeat(32)).encode(p), "usage", "d"));
    }

    @Test
    void shouldWriteCentsExactly() {
        assertEquals("123.45", CostReportService.cents(new java.math.BigDecimal("1.234500000000")));
        assertEquals("0", CostReportService.cents(new java.math.BigDecimal("0.000000000000")));
        assertEquals("100", CostReportService.cents(new java.math.BigDecimal("1.000000000000")));
        assertEquals("0.0000000001", CostReportService.cents(new java.math.BigDecimal("0.000000000001")));
    }
}
