package dev.gatewayreports.scheduling.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Whatever goes into the subject (configured text, team names) loses every way to start a new header line. */
class HeaderSafeTest {
    @Test
    void shouldRemoveLineBreaksAndControlCharacters() {
        assertEquals(
                "Usage Bcc: victim@example.net X: y z",
                ReportMailer.headerSafe("Usage\r\nBcc: victim@example.net\nX: y\u2028z\u0000", 200));
        assertEquals("a b", ReportMailer.headerSafe("a\t\t b", 200));
    }

    @Test
    void shouldCapTheLength() {
        assertEquals("abcd…", ReportMailer.headerSafe("abcdefgh", 5));
    }
}
