package dev.gatewayreports.reportapi.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * NDJSON lines read by the streaming reader against Jackson's tree reader (what ingest used before): each line is an
 * event, a non-object, a syntax error, or skipped as blank, alike in both.
 */
class EventBodyTest {
    private static final List<String> LINES = List.of(
            "{\"request_id\":\"r1\"}",
            "  {\"request_id\":\"r1\"}  \t",
            "{\"a\":[1,{\"b\":\"c\"}],\"request_id\":\"r\"} trailing words",
            "\"abc",
            "\"abc\"",
            "\"bad \\q escape\"",
            "[1,2",
            "[1,2]",
            "123",
            "12x",
            "null",
            "true",
            "{",
            "{\"x\":\"unterminated",
            "{\"x\":\"ctrl \u0001 inside\"}",
            "{\"request_id\":1e999999}",
            "{\"request_id\":\"r\",\"request_id\":\"last\"}",
            "\u000b\u001f{\"request_id\":\"r\"}\u000c",
            "\u2003{\"request_id\":\"r\"}\u3000",
            "\u2003\u3000",
            "   ",
            "{}{}",
            "{\"input_refs\":[\"a\",1,{\"x\":[\"y\"]}]}");

    @Test
    void shouldReadEveryLineAsTheTreeReaderDid() {
        byte[] body = String.join("\n", LINES).getBytes(StandardCharsets.UTF_8);
        List<EventBody.Item> items = EventBody.read(body, true, 10_000);
        List<String> expected = new ArrayList<>();
        for (String line : LINES) {
            String stripped = line.strip();
            if (!stripped.isEmpty()) {
                expected.add(byTree(stripped));
            }
        }
        List<String> actual = new ArrayList<>();
        for (EventBody.Item item : items) {
            actual.add(
                    item.syntaxError() != null
                            ? "syntax"
                            : item.json().isObject()
                                    ? "object " + item.json().value(EventJson.Field.REQUEST_ID)
                                    : "not an object");
        }
        assertEquals(expected, actual);
    }

    private static String byTree(String line) {
        try {
            JsonNode node = EventBody.JSON.readTree(line);
            if (!node.isObject()) {
                return "not an object";
            }
            JsonNode id = node.get("request_id");
            return "object " + (id == null ? null : id.isTextual() ? id.textValue() : id.numberValue());
        } catch (JsonProcessingException e) {
            return "syntax";
        }
    }
}
