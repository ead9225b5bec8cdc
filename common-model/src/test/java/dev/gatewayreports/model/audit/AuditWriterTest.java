package dev.gatewayreports.model.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditWriterTest {
    @Test
    void shouldMakeDetailsStorableJsonKeepingNullsAndNumbers() {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("from", "team_a");
        change.put("to", null);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("default_team_id", change);
        details.put("path", "/v1/reports/a\u0000b");
        details.put("days", 7);
        details.put("scopes", List.of("ingest", "stats"));
        assertEquals(
                "{\"default_team_id\":{\"from\":\"team_a\",\"to\":null},\"path\":\"/v1/reports/ab\",\"days\":7,"
                        + "\"scopes\":[\"ingest\",\"stats\"]}",
                AuditWriter.json(details));
    }

    @Test
    void shouldCutLongTextWithoutSplittingACharacter() {
        assertEquals(AuditWriter.MAX_TEXT, AuditWriter.text("x".repeat(5000)).length());
        char[] chars = new char[AuditWriter.MAX_TEXT + 1];
        Arrays.fill(chars, 'y');
        String emoji = "\uD83D\uDE00";
        String text = new String(chars, 0, AuditWriter.MAX_TEXT - 1) + emoji;
        assertEquals(AuditWriter.MAX_TEXT - 1, AuditWriter.text(text).length());
    }
}
