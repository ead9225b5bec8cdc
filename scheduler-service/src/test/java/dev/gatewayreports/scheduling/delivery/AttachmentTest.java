package dev.gatewayreports.scheduling.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The attachment's name comes from report-api's Content-Disposition, but only as a plain, safe file name. */
class AttachmentTest {
    @Test
    void shouldTakeTheQuotedOrBareFileName() {
        assertEquals("usage_a.csv", Attachment.fileName("attachment; filename=\"usage_a.csv\"", "csv"));
        assertEquals("usage_a.xlsx", Attachment.fileName("attachment; filename=usage_a.xlsx", "xlsx"));
    }

    @Test
    void shouldNeutraliseOddNames() {
        assertEquals("report.csv", Attachment.fileName(null, "csv"));
        assertEquals("report.csv", Attachment.fileName("attachment", "csv"));
        assertEquals("report.xlsx", Attachment.fileName("attachment; filename=\"../../etc/passwd\"", "xlsx"));
        assertEquals("a__b_Bcc__x.csv", Attachment.fileName("attachment; filename=\"a\r\nb Bcc: x.csv\"", "csv"));
    }

    @Test
    void shouldFallBackToTheFormatsContentType() {
        assertEquals("text/csv", Attachment.of(null, null, "csv", new byte[0]).contentType());
        assertEquals(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                Attachment.of(null, "", "xlsx", new byte[0]).contentType());
    }
}
