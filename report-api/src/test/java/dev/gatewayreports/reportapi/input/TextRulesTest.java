package dev.gatewayreports.reportapi.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextRulesTest {

    @Test
    void shouldRefuseControlCharactersAndUnpairedSurrogates() {
        for (String bad : new String[] {"a\u0000", "tab\t", "\u001f", "del\u007f", "c1\u0085", "\ud800", "x\udc00y"}) {
            assertNotNull(TextRules.problem(bad), bad);
        }
        for (String good : new String[] {"", "team_platform", "café", "pair\ud83d\ude00", "rtl\u202e", "\ufeff"}) {
            assertNull(TextRules.problem(good), good);
        }
    }

    @Test
    void shouldAllowTabsAndLineBreaksInFreeTextOnly() {
        assertNull(TextRules.freeTextProblem("line one\r\nline two\tend"));
        assertNotNull(TextRules.freeTextProblem("bell\u0007"));
        assertNotNull(TextRules.freeTextProblem("nul\u0000"));
        assertNotNull(TextRules.problem("line one\nline two"));
    }

    @Test
    void shouldMaskWhatCannotBeEchoed() {
        assertEquals("a?b?c\ud83d\ude00", TextRules.printable("a\u0000b\ud800c\ud83d\ude00"));
        assertEquals("plain", TextRules.printable("plain"));
    }

    @Test
    void shouldFindTheFirstByteThatIsNotUtf8() {
        byte[] ok = "café ✓ \ud83d\ude00".getBytes(StandardCharsets.UTF_8);
        assertEquals(-1, Utf8.firstMalformed(ok, 0, ok.length));
        assertEquals(2, Utf8.firstMalformed(new byte[] {'a', 'b', (byte) 0xC0, (byte) 0x80}, 0, 4));
        assertEquals(1, Utf8.firstMalformed(new byte[] {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80}, 0, 4));
        assertEquals(0, Utf8.firstMalformed(new byte[] {'a', (byte) 0xFF}, 1, 2));
        assertEquals(0, Utf8.firstMalformed(new byte[] {(byte) 0xE2, (byte) 0x82}, 0, 2));
    }
}
